package io.edukit.vmservice.proxmoxsim.tasks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forks tasks like {@code fork_worker}: a UPID at once, the work on a scheduler. Each task gets
 * the next process id and a process start time in clock ticks since the simulated boot.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final ScheduledExecutorService scheduler;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid;
    private final long bootNanos = System.nanoTime();
    private final long bootTicks;

    public TaskRunner(long seed) {
        AtomicLong threads = new AtomicLong();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "proxmox-sim-task-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.nextPid = new AtomicInteger(0x10000 + Math.floorMod(seed * 7919, 0x20000));
        this.bootTicks = 0x100000 + Math.floorMod(seed * 104729, 0x100000);
    }

    /**
     * Starts a task and returns it; its work begins on the scheduler.
     *
     * @param id   the UPID's id (for a clone, the source VMID)
     * @param vmid the VM the task works on (for a clone, the new one)
     */
    public Task fork(String node, String type, String id, int vmid, String user, TaskWork work) {
        long ticks = bootTicks + (System.nanoTime() - bootNanos) / 10_000_000;
        Upid upid = new Upid(node, nextPid.getAndIncrement(), ticks, System.currentTimeMillis() / 1000, type, id, user);
        Task task = new Task(upid, vmid);
        tasks.put(upid.text(), task);
        scheduler.execute(() -> begin(task, work));
        return task;
    }

    public Optional<Task> find(String upid) {
        return Optional.ofNullable(tasks.get(upid));
    }

    /** Every task forked so far, running or stopped, in no particular order. */
    public List<Task> all() {
        return List.copyOf(tasks.values());
    }

    private void begin(Task task, TaskWork work) {
        try {
            Duration duration = work.begin(task);
            scheduler.schedule(() -> complete(task, work), duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            end(task, work, e);
        }
    }

    private void complete(Task task, TaskWork work) {
        try {
            work.complete(task);
            work.ended(true);
            task.succeed();
        } catch (RuntimeException e) {
            end(task, work, e);
        }
    }

    private void end(Task task, TaskWork work, RuntimeException failure) {
        String message = failure instanceof TaskFailedException ? failure.getMessage() : "internal error: " + failure;
        if (!(failure instanceof TaskFailedException)) {
            log.warn("task {} failed unexpectedly", task.upid(), failure);
        }
        try {
            work.ended(false);
        } catch (RuntimeException cleanup) {
            log.warn("cleanup of task {} failed", task.upid(), cleanup);
        }
        task.fail(message);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
