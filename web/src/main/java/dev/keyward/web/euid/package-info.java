/** The EUID participant endpoints on the wire. */
package dev.keyward.web.euid;
