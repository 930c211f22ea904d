package dev.keyward.platform.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterTest {

    @Test
    void aListThatNamesOnlyThisServerOrNoneIsAServerAlone() {
        assertTrue(Cluster.alone(""));
        assertTrue(Cluster.alone("127.0.0.1[7600]"));
        assertTrue(Cluster.alone(" 127.0.0.1[7600] , "));
    }

    @Test
    void twoMembersOrMoreAreACluster() {
        assertFalse(Cluster.alone("127.0.0.1[7600],127.0.0.1[7601]"));
        assertFalse(Cluster.alone("keyward-a[7600], keyward-b[7600], keyward-c[7600]"));
    }
}
