package dev.keyward.webhook.control;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.domain.webhook.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A webhook URL's host as DNS answers for it now, held to {@link WebhookTarget}'s rule: when the endpoint is registered
 * (so that an admin hears at once), and again before every delivery (a name can be pointed elsewhere later). Every
 * address the name has must be allowed, not just the first.
 */
@ApplicationScoped
public class WebhookHosts {

    /** Whether plain HTTP to this machine's loopback is a webhook URL (development and tests only). */
    @Inject
    @ConfigProperty(name = "keyward.webhooks.loopback-http", defaultValue = "false")
    boolean loopbackHttp;

    public boolean loopbackHttp() {
        return loopbackHttp;
    }

    /** Refuses a URL whose host resolves to an address no webhook may go to; a name that does not resolve yet may wait. */
    public void checkRegistrable(String url) {
        try {
            check(url);
        } catch (UnknownHostException notYet) {
            // its deliveries fail, and are logged so, until it does
        } catch (IOException refused) {
            throw DomainException.invalid("invalid-webhook-url", WebhookEndpoint.NOT_PUBLIC);
        }
    }

    /** Throws when the URL's host does not resolve now, or resolves to an address no webhook may go to. */
    public void check(String url) throws IOException {
        String host = URI.create(url).getHost();
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!WebhookTarget.mayReceive(address, loopbackHttp)) {
                throw new IOException("the webhook's host resolves to an address that is not public; not sent");
            }
        }
    }
}
