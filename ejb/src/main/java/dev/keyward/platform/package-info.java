/**
 * What every feature stands on: the database migrations, the clock, the server keys kept outside the
 * database.
 */
package dev.keyward.platform;
