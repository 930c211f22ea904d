package dev.keyward.notice.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one plain-text mail through WildFly's mail session {@code java:jboss/mail/Keyward} (host, port, TLS and sender:
 * see keyward.cli), signed in with the configured {@link SmtpLogin} when there is one.
 */
@ApplicationScoped
public class Mailer {

    @Resource(lookup = "java:jboss/mail/Keyward")
    Session server;

    @Inject
    @ConfigProperty(name = "keyward.smtp.username", defaultValue = " ")
    String username;

    @Inject
    @ConfigProperty(name = "keyward.smtp.password", defaultValue = " ")
    String password;

    private volatile Sending sending;

    private record Sending(SmtpLogin login, Session session) {
    }

    public void send(String to, String subject, String body) throws MessagingException {
        Sending with = sending();
        MimeMessage message = new MimeMessage(with.session());
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(body, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (with.login().present()) {
            Transport.send(message, with.login().username(), with.login().password());
        } else {
            Transport.send(message);
        }
    }

    /** Read at the first mail; a login misconfigured is refused then, as a {@link MessagingException} the outbox retries. */
    private Sending sending() throws MessagingException {
        Sending with = sending;
        if (with == null) {
            SmtpLogin login;
            try {
                login = SmtpLogin.of(username, password);
            } catch (IllegalArgumentException misconfigured) {
                throw new MessagingException(misconfigured.getMessage());
            }
            with = new Sending(login, login.session(server));
            sending = with;
        }
        return with;
    }
}
