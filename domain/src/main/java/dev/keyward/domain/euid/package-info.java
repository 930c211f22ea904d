/** EUID's rules about the people a participant maps: how an e-mail address or a phone number is written and hashed. */
package dev.keyward.domain.euid;
