/** What the platform tells the outside about itself: the cluster's readiness check (served by the web module's health). */
package dev.keyward.platform.boundary;
