package dev.keyward.domain.euid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EUID's normalisation and hashing, with the examples from the EUID documentation and the participants' SDK. */
class EuidIdentityTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MyEmail@example.com|myemail@example.com|FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=",
            "JaneSaoirse+UID2@example.com|janesaoirse+uid2@example.com|bhQ2aMIGWT1ey4p7JyavdNlIQ4pe11/rrcv0u1jrxCc=",
            "JANE.SAOIRSE@gmail.com|janesaoirse@gmail.com|ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=",
            "JaneSaoirse+UID2@gmail.com|janesaoirse@gmail.com|ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=",
            "'   USER@EXAMPLE.COM   '|user@example.com|tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=",
            "'   jane.doe+home@gmail.com   '|janedoe@gmail.com|1hFzBkhe0OUK+rOshx6Y+BaZFR8wKBUn1j/18jNlbGk="})
    void emailsAreNormalisedAndHashedAsEuidDocumentsThem(String given, String normalised, String hash) {
        assertEquals(normalised, EuidIdentity.normaliseEmail(given).orElseThrow());
        EuidIdentity identity = EuidIdentity.ofEmail(given).orElseThrow();
        assertEquals(hash, identity.hashBase64());
        assertEquals(EuidIdentity.Type.EMAIL, identity.type());
        assertEquals(identity, EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, hash).orElseThrow(), "a hash sent as such is the same person");
    }

    @Test
    void onlyGmailDropsDotsAndExtensions() {
        assertEquals("jane.doe+x@googlemail.com", EuidIdentity.normaliseEmail("Jane.Doe+X@googlemail.com").orElseThrow());
        assertEquals("ja@ex ample.com", EuidIdentity.normaliseEmail(" j a@ex ample.com  ").orElseThrow(),
                "blanks in the local part go, blanks inside the domain stay, trailing ones go");
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is not an email address", "neither.is@this@", "@example.com", "jane@", "jane@   ", "+@gmail.com", ".@gmail.com"})
    void whatIsNotAnEmailHasNoIdentity(String given) {
        assertTrue(EuidIdentity.ofEmail(given).isEmpty(), given);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+12345678901|EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=",
            "+441234567890|Rx8SW4ZyKqbPypXmswDNuq0SPxStFXBTG/yvPns/2NQ="})
    void phonesInE164AreHashedAsGiven(String phone, String hash) {
        assertEquals(hash, EuidIdentity.ofPhone(phone).orElseThrow().hashBase64());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+123 44 555-66-77", "1 (123) 456-7890", "12345678901", "+123456789", "+1234567890123456", "+１２３４５６７８９０１"})
    void phonesNotInE164AreRefused(String phone) {
        assertFalse(EuidIdentity.isNormalisedPhone(phone), phone);
        assertTrue(EuidIdentity.ofPhone(phone).isEmpty());
    }

    @Test
    void hashesMustBeBase64OfThirtyTwoBytes() {
        assertTrue(EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, "this is not a hashed email").isEmpty());
        assertTrue(EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, "FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U").isEmpty(), "unpadded");
        assertTrue(EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, "FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=X").isEmpty());
        assertTrue(EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, null).isEmpty());
        EuidIdentity email = EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, "FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=").orElseThrow();
        EuidIdentity phone = EuidIdentity.ofHash(EuidIdentity.Type.PHONE, "FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=").orElseThrow();
        assertNotEquals(email, phone, "the same bytes as an e-mail and as a phone are not the same person");
        assertFalse(email.toString().contains("FsGN"), "no hash in a log line");
    }
}
