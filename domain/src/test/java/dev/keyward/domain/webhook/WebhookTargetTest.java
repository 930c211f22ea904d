package dev.keyward.domain.webhook;

import dev.keyward.domain.shared.DomainException;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "0.1.2.3", "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
            "::", "fe80::1", "fd00::1", "fc00::1", "ff02::1", "::ffff:10.0.0.1", "::10.0.0.1", "2002:a00:1::", "64:ff9b::a9fe:a9fe",
            "2001:db8::1", "fec0::1"})
    void anAddressInsideSomeonesNetworkReceivesNoWebhook(String address) throws Exception {
        assertFalse(WebhookTarget.mayReceive(InetAddress.getByName(address), false), address);
        assertFalse(WebhookTarget.mayReceive(InetAddress.getByName(address), true), address + ", even in development");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "2002:808:808::",
            "64:ff9b::808:808"})
    void aPublicAddressReceivesThem(String address) throws Exception {
        assertTrue(WebhookTarget.mayReceive(InetAddress.getByName(address), false), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1"})
    void loopbackOnlyInDevelopment(String address) throws Exception {
        assertFalse(WebhookTarget.mayReceive(InetAddress.getByName(address), false), address);
        assertTrue(WebhookTarget.mayReceive(InetAddress.getByName(address), true), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data/", "https://[fd00::1]/x",
            "https://[::ffff:192.168.0.1]/x", "https://127.0.0.1/hook", "https://[::1]:8443/hook", "https://0.0.0.0/"})
    void aUrlNamingSuchAnAddressIsRefusedWithoutEchoingIt(String url) {
        DomainException refused = assertThrows(DomainException.class, () -> WebhookEndpoint.checkedUrl(url, false));
        assertEquals("invalid-webhook-url", refused.type());
        assertEquals(WebhookEndpoint.NOT_PUBLIC, refused.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://167772161/", "https://10.1/", "https://0177.0.0.1/x", "https://10.0.0.1.5/", "https://256.1.1.1/"})
    void digitsThatAreNotADottedQuadAreNoHost(String url) {
        assertEquals("invalid-webhook-url", assertThrows(DomainException.class, () -> WebhookEndpoint.checkedUrl(url, false)).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/hook", "https://hooks.example.com/keyward", "https://[2606:4700:4700::1111]/x"})
    void publicAddressesAndNamesPassTheEntitysRule(String url) {
        assertEquals(url, WebhookEndpoint.checkedUrl(url, false));
    }
}
