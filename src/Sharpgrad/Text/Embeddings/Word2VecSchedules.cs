using System.Collections.Concurrent;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The two ways of spreading blocks over threads. Both read the corpus on a producer thread that stays a few blocks
/// ahead (gensim's job producer), so tokenising and encoding overlap training.
/// </summary>
internal static class Word2VecSchedules
{
    /// <summary>
    /// HOGWILD! (Recht et al. 2011; the NYU notes' lock-free SGD): every worker takes the next block and writes the
    /// shared matrices in place, without locks. Updates from different threads may interleave inside a row, so one
    /// may overwrite part of another's step; with sparse updates such collisions are rare and SGD tolerates them,
    /// which is why word2vec and gensim do the same. The price is determinism: which block a thread gets, and how
    /// updates interleave, depend on the scheduler, so two runs with one seed differ in the last bits (and the
    /// differences grow as training goes on) unless there is one worker.
    /// </summary>
    public static void Hogwild(IEnumerable<TrainingBlock> blocks, Word2VecWeights weights, Word2VecOptions options,
        Word2VecTables tables, ProgressTracker tracker)
    {
        var rows = new SharedRows(weights);
        RunWorkers(blocks, options.Threads, queue => () =>
        {
            var worker = new Word2VecWorker(options, tables);
            foreach (var block in queue.GetConsumingEnumerable())
            {
                worker.Train(block, rows);
                tracker.BlockDone(block, worker.TakeLoss());
            }
        });
    }

    /// <summary>
    /// The deterministic mode. Blocks are taken in rounds of <see cref="Word2VecOptions.RoundBlocks"/> (a number
    /// fixed by the options, not the thread count; the blocks are BlockWords / RoundBlocks words each). Every block of a round trains against the same snapshot of the
    /// weights, writing copy-on-write private rows (<see cref="PrivateRowSet"/>), with its own random stream keyed
    /// by its index; when the whole round is done each block's change is added to the shared weights in block order.
    /// What a block computes therefore depends only on the snapshot and the block, and the order of the additions
    /// only on block indices, so the bits are the same at any thread count. The price: blocks of a round do not see
    /// each other's updates (staleness of up to BlockWords words, where HOGWILD! sees other threads' updates at once), the
    /// first touch of a row copies it, every access looks its slot up, and the merge runs on one thread while the
    /// others wait; docs/performance.md records what that costs against HOGWILD!.
    /// </summary>
    public static void Deterministic(IEnumerable<TrainingBlock> blocks, Word2VecWeights weights, Word2VecOptions options,
        Word2VecTables tables, ProgressTracker tracker)
    {
        var sets = new PrivateRowSet[options.RoundBlocks];
        var results = new (double, long)[options.RoundBlocks];
        var workers = new Word2VecWorker[options.Threads];
        for (int t = 0; t < workers.Length; t++) workers[t] = new Word2VecWorker(options, tables);
        var round = new List<TrainingBlock>(options.RoundBlocks);
        RunWorkers(blocks, 1, queue => () =>
        {
            foreach (var block in queue.GetConsumingEnumerable())
            {
                round.Add(block);
                if (round.Count == options.RoundBlocks) TrainRound();
            }
            if (round.Count > 0) TrainRound();
        });

        void TrainRound()
        {
            for (int i = 0; i < round.Count; i++) sets[i] ??= new PrivateRowSet(weights);
            int next = -1;
            Parallel.For(0, Math.Min(workers.Length, round.Count), new ParallelOptions { MaxDegreeOfParallelism = workers.Length }, t =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < round.Count;)
                {
                    workers[t].Train(round[i], sets[i].Rows);
                    results[i] = workers[t].TakeLoss();
                    sets[i].TurnIntoDeltas(); // the snapshot is intact until every block of the round is done
                }
            });
            for (int i = 0; i < round.Count; i++)
            {
                sets[i].AddDeltasAndReset();
                tracker.BlockDone(round[i], results[i]);
            }
            round.Clear();
        }
    }

    /// <summary>Feeds <paramref name="blocks"/> from this thread to <paramref name="threads"/> consumers; rethrows the first failure.</summary>
    private static void RunWorkers(IEnumerable<TrainingBlock> blocks, int threads, Func<BlockingCollection<TrainingBlock>, Action> consumer)
    {
        using var queue = new BlockingCollection<TrainingBlock>(boundedCapacity: 4 * threads + 4);
        using var cancel = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        var body = consumer(queue);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try { body(); }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
                cancel.Cancel();
            }
        }) { IsBackground = true, Name = $"word2vec worker {t}" }).ToList();
        workers.ForEach(w => w.Start());
        try
        {
            foreach (var block in blocks) queue.Add(block, cancel.Token);
        }
        catch (OperationCanceledException) when (!failures.IsEmpty) { }
        finally
        {
            queue.CompleteAdding();
            // After a worker failed, the others may wait on a queue nobody drains; empty it so they see the end.
            if (!failures.IsEmpty) while (queue.TryTake(out _)) { }
            workers.ForEach(w => w.Join());
        }
        if (failures.TryDequeue(out var first)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
    }
}
