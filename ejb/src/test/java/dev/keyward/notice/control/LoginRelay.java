package dev.keyward.notice.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP relay as production ones are (Amazon SES, SendGrid, a company's submission port): it takes mail only from a
 * client that signed in (AUTH PLAIN or LOGIN, RFC 4954), and answers anyone else's {@code MAIL FROM} with 530. On
 * 127.0.0.1, a connection at a time; it keeps the accounts that signed in and the messages it took.
 */
final class LoginRelay implements AutoCloseable {

    final List<String> signedIn = new CopyOnWriteArrayList<>();
    final List<String> refusedLogins = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();

    private final String username;
    private final String password;
    private final ServerSocket socket;
    private final Thread accepting;

    LoginRelay(String username, String password) throws IOException {
        this.username = username;
        this.password = password;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.accepting = new Thread(this::accept, "login-relay");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException closedOrGone) {
                // the next client, or the end
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        boolean authenticated = false;
        say(out, "220 relay.test ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String command = line.toUpperCase(java.util.Locale.ROOT);
            if (command.startsWith("EHLO")) {
                say(out, "250-relay.test");
                say(out, "250 AUTH PLAIN LOGIN");
            } else if (command.startsWith("AUTH PLAIN")) {
                String initial = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length()) : ask(out, in, "");
                String[] parts = decode(initial).split("\0", -1);
                authenticated = login(out, parts.length == 3 ? parts[1] : "", parts.length == 3 ? parts[2] : "");
            } else if (command.startsWith("AUTH LOGIN")) {
                String name = decode(ask(out, in, "VXNlcm5hbWU6"));
                String secret = decode(ask(out, in, "UGFzc3dvcmQ6"));
                authenticated = login(out, name, secret);
            } else if (command.startsWith("MAIL FROM")) {
                say(out, authenticated ? "250 OK" : "530 5.7.0 Authentication required");
            } else if (command.startsWith("RCPT TO")) {
                say(out, authenticated ? "250 OK" : "530 5.7.0 Authentication required");
            } else if (command.equals("DATA")) {
                say(out, "354 end with <CRLF>.<CRLF>");
                StringBuilder message = new StringBuilder();
                for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                    message.append(data).append('\n');
                }
                messages.add(message.toString());
                say(out, "250 OK queued");
            } else if (command.equals("QUIT")) {
                say(out, "221 bye");
                return;
            } else if (command.startsWith("RSET") || command.startsWith("NOOP") || command.startsWith("HELO")) {
                say(out, "250 OK");
            } else {
                say(out, "502 not here");
            }
        }
    }

    private boolean login(PrintWriter out, String name, String secret) {
        if (name.equals(username) && secret.equals(password)) {
            signedIn.add(name);
            say(out, "235 2.7.0 Authentication successful");
            return true;
        }
        refusedLogins.add(name);
        say(out, "535 5.7.8 Authentication credentials invalid");
        return false;
    }

    private static String ask(PrintWriter out, BufferedReader in, String challenge) throws IOException {
        say(out, "334 " + challenge);
        String answer = in.readLine();
        return answer == null ? "" : answer;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private static void say(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
