/** The web console, served from the WAR on the API's own origin. */
package dev.keyward.web.console;
