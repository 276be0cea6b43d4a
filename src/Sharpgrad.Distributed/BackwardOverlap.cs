namespace Sharpgrad.Distributed;

/// <summary>
/// Overlaps the gradient allreduces with the rest of the backward pass, as PyTorch DDP's reducer does. A gradient
/// observer on every parameter copies the parameter's gradient into its bucket the moment backward completes it; when
/// a bucket is full it is handed to a chain of tasks that allreduce the buckets one after another on a pool thread, while
/// backward goes on computing the earlier layers' gradients. <see cref="Finish"/> then loads whatever backward did not
/// reach (unused parameters: their current Grad, or zeros), waits for the chain, and writes the averages back.
/// <para>
/// Buckets are launched strictly in bucket order, also when a later one fills first, so that every rank makes the same
/// MPI calls in the same order whatever order its backward pass produced gradients in (MPI pairs collectives by order).
/// </para>
/// </summary>
internal sealed class BackwardOverlap
{
    private readonly IGradientBucket[] buckets;
    private readonly Communicator world;
    private readonly bool[][] loaded;
    private readonly int[] pending;
    private readonly Lock stateLock = new();
    private int nextLaunch;
    private Task chain = Task.CompletedTask;

    public BackwardOverlap(IGradientBucket[] buckets, Communicator world)
    {
        this.buckets = buckets;
        this.world = world;
        loaded = [.. buckets.Select(b => new bool[b.Parameters.Count])];
        pending = [.. buckets.Select(b => b.Parameters.Count)];
        for (int b = 0; b < buckets.Length; b++)
            for (int slot = 0; slot < buckets[b].Parameters.Count; slot++)
            {
                var parameter = buckets[b].Parameters[slot];
                int bucket = b, index = slot;
                parameter.RegisterGradientObserver(g => OnGradient(parameter, bucket, index, g));
            }
    }

    /// <summary>
    /// Called by backward with a parameter's complete gradient for this pass, before it is added to Grad; the bucket
    /// must hold what Grad will hold after that addition, so an existing Grad is added in (same operands, same sum).
    /// </summary>
    private void OnGradient(Tensor parameter, int bucket, int slot, Tensor gradient)
    {
        lock (stateLock)
        {
            if (loaded[bucket][slot])
                throw new InvalidOperationException(
                    $"DistributedDataParallel: a second backward pass reached the parameter of shape {parameter.Shape} before " +
                    "SynchronizeGradients was called; call it after every backward pass (accumulating gradients over several " +
                    "passes without synchronising is not supported).");
            buckets[bucket].Load(slot, parameter.Grad is { } accumulated ? accumulated + gradient : gradient);
            loaded[bucket][slot] = true;
            pending[bucket]--;
            while (nextLaunch < buckets.Length && pending[nextLaunch] == 0) Launch(nextLaunch++);
        }
    }

    /// <summary>How many buckets the last pass launched from backward's observers, before <see cref="Finish"/>.</summary>
    public int LaunchedDuringBackward { get; private set; }

    /// <summary>Reduces every bucket not yet launched, waits for all, and stores the averaged gradients; resets for the next pass.</summary>
    public void Finish()
    {
        lock (stateLock)
        {
            LaunchedDuringBackward = nextLaunch;
            for (; nextLaunch < buckets.Length; nextLaunch++)
            {
                for (int slot = 0; slot < loaded[nextLaunch].Length; slot++)
                    if (!loaded[nextLaunch][slot]) buckets[nextLaunch].Load(slot, buckets[nextLaunch].Parameters[slot].Grad);
                Launch(nextLaunch);
            }
            try
            {
                chain.GetAwaiter().GetResult();
            }
            finally
            {
                chain = Task.CompletedTask;
                nextLaunch = 0;
                for (int b = 0; b < buckets.Length; b++)
                {
                    Array.Clear(loaded[b]);
                    pending[b] = loaded[b].Length;
                }
            }
            foreach (var bucket in buckets) bucket.Store();
        }
    }

    /// <summary>Appends the bucket's allreduce to the chain; a failed allreduce fails every later one, and Finish rethrows it.</summary>
    private void Launch(int bucket)
    {
        var b = buckets[bucket];
        chain = chain.ContinueWith(previous =>
        {
            previous.GetAwaiter().GetResult();
            b.AllReduceMean(world);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}
