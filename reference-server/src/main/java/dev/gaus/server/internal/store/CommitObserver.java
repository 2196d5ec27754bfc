package dev.gaus.server.internal.store;

/** Told of each group commit of the store writer, on the writer's thread: it must return at once. */
@FunctionalInterface
public interface CommitObserver {
    CommitObserver NONE = (writes, nanos) -> { };

    /** {@code writes} writes were committed together, in {@code nanos} from begin to commit. */
    void committed(int writes, long nanos);
}
