package dev.keyward.notice.control;

import jakarta.mail.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;

/**
 * The account Keyward signs in with at its SMTP relay ({@code keyward.smtp.username} and {@code keyward.smtp.password},
 * from {@code KEYWARD_SMTP_USERNAME} and {@code KEYWARD_SMTP_PASSWORD}), or none: a development mail server and a
 * relay that trusts its network need none. Both or neither: a name without a password is a mistake said at the
 * first mail, not a silent unauthenticated send.
 *
 * <p>A password never crosses the network in clear: towards anything but this machine, a login demands STARTTLS
 * (unless the relay speaks TLS from the first byte), and a relay that does not offer it is refused before the
 * password is sent.
 */
public record SmtpLogin(String username, String password) {

    public static final SmtpLogin NONE = new SmtpLogin(null, null);

    public SmtpLogin {
        if (username != null && username.isBlank() || password != null && password.isEmpty()) {
            throw new IllegalArgumentException("a blank SMTP username or password: give both or neither");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(username == null
                    ? "keyward.smtp.password (KEYWARD_SMTP_PASSWORD) is set without keyward.smtp.username (KEYWARD_SMTP_USERNAME)"
                    : "keyward.smtp.username (KEYWARD_SMTP_USERNAME) is set without keyward.smtp.password (KEYWARD_SMTP_PASSWORD)");
        }
    }

    /** From configuration, where blank means not set. */
    public static SmtpLogin of(String username, String password) {
        String name = username == null || username.isBlank() ? null : username.strip();
        String secret = password == null || password.isBlank() ? null : password;
        return name == null && secret == null ? NONE : new SmtpLogin(name, secret);
    }

    public boolean present() {
        return username != null;
    }

    /** {@code server}'s settings (host, port, TLS, sender), with this login's demands added; the same session if none. */
    public Session session(Session server) {
        if (!present()) {
            return server;
        }
        Properties properties = new Properties();
        properties.putAll(server.getProperties());
        properties.setProperty("mail.smtp.auth", "true");
        properties.setProperty("mail.smtp.user", username);
        boolean implicitTls = Boolean.parseBoolean(properties.getProperty("mail.smtp.ssl.enable"));
        if (!implicitTls && !isLoopback(properties.getProperty("mail.smtp.host", "localhost"))) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(properties);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    /** Never the password, whatever prints this. */
    @Override
    public String toString() {
        return present() ? "SMTP login " + username : "no SMTP login";
    }
}
