using System.Runtime.ExceptionServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The threads that run the chunks of a parallel kernel: <see cref="Threads.Count"/> − 1 dedicated workers plus the
/// calling thread, which always takes part. The chunks are cut into one contiguous block per taking part thread, the
/// caller's first, worker k's k-th; each thread runs its own block first and then helps with the others, taking their
/// chunks one at a time from the block's counter, so a worker that starts late simply takes fewer. Which thread runs a
/// chunk never changes what the chunk computes, so results stay bitwise identical for any thread count (the callers
/// fix the chunk boundaries). Home blocks keep consecutive kernels cut alike on the same threads: the rows a thread
/// wrote in one convolution are the rows it reads in the next, in its own cache rather than the other core's
/// (docs/performance.md, "Two-thread slow windows").
/// </summary>
/// <remarks>
/// Why not the .NET thread pool (Parallel.For): a training step runs hundreds of parallel ops a few microseconds to a
/// few milliseconds apart, and each Parallel.For call goes through the thread pool's queues and wakes whichever
/// worker it finds; dedicated threads that wait on their own semaphore, with the caller taking chunks too, measured
/// faster (sgemm_256 at two threads 63–67 → 107–122 GFLOP/s). Idle workers sleep, so an idle process burns no core.
/// A kernel that starts a parallel loop from inside a chunk (a GEMM inside a per-image loop), or while another thread's
/// job holds the pool, runs it on its own thread, in chunk order: the same chunks, so the same results.
/// </remarks>
internal sealed class WorkerPool
{
    public static WorkerPool Shared { get; } = new();

    private readonly object submitGate = new();
    private readonly List<Worker> workers = [];
    private Job? current;
    private long generation;

    [ThreadStatic] private static bool insideJob;

    /// <summary>Runs body(c) for every c in [0, chunks) on up to <paramref name="threads"/> threads; returns when all are done.</summary>
    public void Run(int chunks, int threads, Action<int> body)
    {
        if (chunks <= 0) return;
        if (threads <= 1 || chunks == 1 || insideJob || !Monitor.TryEnter(submitGate))
        {
            for (int c = 0; c < chunks; c++) body(c);
            return;
        }
        try
        {
            int helpers = Math.Min(threads, chunks) - 1;
            EnsureWorkers(helpers);
            var job = new Job(body, chunks, helpers + 1, threads);
            Volatile.Write(ref current, job);
            Interlocked.Increment(ref generation);
            for (int w = 0; w < helpers; w++) workers[w].WakeIfSleeping();   // only as many as may take part
            insideJob = true;
            try
            {
                job.Work(home: 0);
            }
            finally
            {
                insideJob = false;
            }
            job.WaitUntilDone();
            Volatile.Write(ref current, null);
            job.RethrowFirstError();
        }
        finally
        {
            Monitor.Exit(submitGate);
        }
    }

    /// <summary>
    /// Starts workers up to <paramref name="count"/>, before the next job's generation is posted: a new worker starts
    /// from the generation read here, so it joins the job about to be posted however late its thread starts.
    /// </summary>
    private void EnsureWorkers(int count)
    {
        while (workers.Count < count) workers.Add(new Worker(this, workers.Count + 1, Volatile.Read(ref generation)));
    }

    /// <summary>
    /// One parallel loop: each block's next chunk not yet taken, the chunks not yet finished, the worker slots left,
    /// and the thread count of the code that started it (which a worker reports as <see cref="ThreadCount.Effective"/>
    /// while it helps). Block b of <paramref name="blocks"/> holds chunks [b·chunks/blocks, (b + 1)·chunks/blocks).
    /// </summary>
    private sealed class Job(Action<int> body, int chunks, int blocks, int threads)
    {
        // Each block's counter on a cache line of its own: the threads take chunks of their own blocks at once.
        private const int CounterStride = 64 / sizeof(int);

        public int Threads { get; } = threads;

        /// <summary>How many threads take part, one block each: the caller and workers 1 to Blocks − 1.</summary>
        public int Blocks { get; } = blocks;

        private readonly int[] next = BlockStarts(chunks, blocks);
        private readonly int count = chunks;
        private int unfinished = chunks;
        private int slots = blocks - 1;
        private ExceptionDispatchInfo? error;

        private static int[] BlockStarts(int chunks, int blocks)
        {
            var starts = new int[blocks * CounterStride];
            for (int b = 0; b < blocks; b++) starts[b * CounterStride] = (int)((long)chunks * b / blocks);
            return starts;
        }

        private int BlockEnd(int block) => (int)((long)count * (block + 1) / Blocks);

        /// <summary>
        /// Whether one more worker may join. Workers without a block are kept out by the caller of this check; the
        /// slots still bound the joins when one worker reads the same job at two generations (posted before it woke).
        /// </summary>
        public bool TakeSlot() => Interlocked.Decrement(ref slots) >= 0;

        /// <summary>Runs chunks until none is left: block <paramref name="home"/> first, then the others in turn.</summary>
        public void Work(int home)
        {
            for (int k = 0; k < Blocks; k++)
            {
                int block = (home + k) % Blocks, end = BlockEnd(block), c;
                ref int counter = ref next[block * CounterStride];
                // A plain read first: a finished block costs no atomic write to a line the other threads read.
                while (Volatile.Read(ref counter) < end && (c = Interlocked.Increment(ref counter) - 1) < end) Run(c);
            }
        }

        private void Run(int chunk)
        {
            try
            {
                body(chunk);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Decrement(ref unfinished);
        }

        public void WaitUntilDone()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref unfinished) > 0) spin.SpinOnce(sleep1Threshold: -1);
        }

        /// <summary>A chunk's exception surfaces as itself on the calling thread, as it would in a serial loop.</summary>
        public void RethrowFirstError() => error?.Throw();
    }

    private sealed class Worker
    {
        private readonly WorkerPool pool;
        private readonly int index;
        private readonly long startGeneration;
        private readonly SemaphoreSlim wake = new(0);
        private volatile bool sleeping;
        private Job? joined;
        private readonly Action workJoined;

        public Worker(WorkerPool pool, int index, long startGeneration)
        {
            this.pool = pool;
            this.index = index;
            this.startGeneration = startGeneration;
            // One delegate for the worker's life: a job it joins allocates nothing for it (a training step runs
            // hundreds of jobs).
            workJoined = () => joined!.Work(home: index);
            // A thread captures its creator's execution context; suppressing the flow keeps a Threads.Use scope that
            // happened to be open when this worker was created from sticking to the worker for the process's life.
            using (ExecutionContext.SuppressFlow())
                new Thread(Loop) { IsBackground = true, Name = $"Sharpgrad worker {index}" }.Start();
        }

        public void WakeIfSleeping()
        {
            if (sleeping) wake.Release();
        }

        private void Loop()
        {
            insideJob = true;  // a worker never submits jobs of its own: nested loops run inline
            long seen = startGeneration;
            while (true)
            {
                long now = WaitForNewGeneration(seen);
                seen = now;
                var job = Volatile.Read(ref pool.current);
                // Only workers 1 to Blocks − 1 were woken for the job; one with no block of its own (awake from a wider
                // job) stays out, rather than start in the caller's block and push the caller onto another's.
                if (job is null || index >= job.Blocks || !job.TakeSlot()) continue;
                joined = job;
                ThreadCount.RunAs(job.Threads, workJoined);
                joined = null;
            }
        }

        /// <summary>
        /// Sleeps until the next job (<see cref="WakeIfSleeping"/>). SemaphoreSlim spins a little before it blocks;
        /// longer spinning of our own (200 µs) was measured and made the MLP epoch 10–15% slower at two threads.
        /// </summary>
        private long WaitForNewGeneration(long seen)
        {
            while (true)
            {
                long now = Volatile.Read(ref pool.generation);
                if (now != seen) return now;
                sleeping = true;
                Interlocked.MemoryBarrier();   // publish "sleeping" before re-reading, pairing with the submitter's write-then-read
                if (Volatile.Read(ref pool.generation) == seen) wake.Wait();
                sleeping = false;
            }
        }
    }
}
