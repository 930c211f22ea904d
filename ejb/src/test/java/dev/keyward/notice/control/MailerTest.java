package dev.keyward.notice.control;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyward's mail through a relay that takes mail only from a client that signed in, as production relays do. */
class MailerTest {

    private static final String PASSWORD = "relay password of 32 characters!";

    private LoginRelay relay;

    @BeforeEach
    void relay() throws Exception {
        relay = new LoginRelay("keyward-notices", PASSWORD);
    }

    @AfterEach
    void close() throws Exception {
        relay.close();
    }

    @Test
    void aConfiguredLoginSignsInAndTheMailIsTaken() throws Exception {
        mailer("keyward-notices", PASSWORD).send("alice@example.test", "Your credential expires in 7 days", "Rotate it.");

        assertEquals(1, relay.messages.size(), "the relay took the mail");
        assertTrue(relay.messages.get(0).contains("Subject: Your credential expires in 7 days"), relay.messages.get(0));
        assertEquals(java.util.List.of("keyward-notices"), relay.signedIn);
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsSent() {
        Mailer mailer = mailer("keyward-notices", "not the relay's password, at all");

        assertThrows(AuthenticationFailedException.class, () -> mailer.send("alice@example.test", "s", "b"));
        assertEquals(java.util.List.of("keyward-notices"), relay.refusedLogins);
        assertTrue(relay.messages.isEmpty());
    }

    @Test
    void withoutALoginSuchARelayRefusesTheMail() {
        Mailer mailer = mailer(" ", " ");

        MessagingException refused = assertThrows(MessagingException.class, () -> mailer.send("alice@example.test", "s", "b"));
        assertTrue(String.valueOf(refused.getMessage()).contains("530") || String.valueOf(refused.getCause()).contains("530"), refused.toString());
        assertTrue(relay.signedIn.isEmpty());
        assertTrue(relay.messages.isEmpty());
    }

    @Test
    void aNameWithoutAPasswordIsAMistakeSaidAtTheFirstMailNotAnUnauthenticatedSend() {
        Mailer mailer = mailer("keyward-notices", " ");

        MessagingException refused = assertThrows(MessagingException.class, () -> mailer.send("alice@example.test", "s", "b"));
        assertTrue(refused.getMessage().contains("KEYWARD_SMTP_PASSWORD"), refused.getMessage());
        assertTrue(relay.messages.isEmpty() && relay.signedIn.isEmpty() && relay.refusedLogins.isEmpty(), "nothing reached the relay");
    }

    @Test
    void aPasswordGoesToAnotherMachineOnlyOverTls() {
        SmtpLogin login = SmtpLogin.of("keyward-notices", PASSWORD);

        Properties remote = login.session(server("smtp.example.test", 587)).getProperties();
        assertEquals("true", remote.getProperty("mail.smtp.starttls.required"), "STARTTLS demanded before the password");
        assertEquals("true", remote.getProperty("mail.smtp.auth"));
        Properties implicitTls = properties("smtp.example.test", 465);
        implicitTls.setProperty("mail.smtp.ssl.enable", "true");
        assertNull(login.session(Session.getInstance(implicitTls)).getProperties().getProperty("mail.smtp.starttls.required"),
                "TLS from the first byte needs no STARTTLS");
        assertNull(login.session(server("127.0.0.1", 25)).getProperties().getProperty("mail.smtp.starttls.required"),
                "a relay on this machine");
    }

    @Test
    void theLoginNeverPrintsItsPassword() {
        SmtpLogin login = SmtpLogin.of("keyward-notices", PASSWORD);

        assertFalse(login.toString().contains(PASSWORD), login.toString());
        assertFalse(SmtpLogin.of(" ", " ").present());
    }

    private Mailer mailer(String username, String password) {
        Mailer mailer = new Mailer();
        mailer.server = server("127.0.0.1", relay.port());
        mailer.username = username;
        mailer.password = password;
        return mailer;
    }

    private static Session server(String host, int port) {
        return Session.getInstance(properties(host, port));
    }

    private static Properties properties(String host, int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.from", "keyward@localhost");
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        return properties;
    }
}
