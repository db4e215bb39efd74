package dev.patchbay.operator.connector;

import java.time.Duration;

/**
 * What a sync may tell the shared listing of its cluster ({@link ClusterPoller}): that it wrote (so the listing it
 * read is stale and the next should come when Connect can have acted), and whether the cluster just came back.
 */
interface ListingControl {

  /** A write to Connect for {@code connector}: the listing read is stale; look again when the write can show. */
  void changed(TrackedConnector connector);

  /** Something may have changed that a write of ours did not announce: look again soon. */
  void changed();

  /** Whether the cluster answered again after being unreachable less than {@code grace} ago. */
  boolean recentlyRecovered(Duration grace);
}
