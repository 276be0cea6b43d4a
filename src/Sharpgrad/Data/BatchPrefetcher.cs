using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Sharpgrad.Data;

/// <summary>
/// Runs an enumerator on a background thread and hands its items over through a queue of at most
/// <c>capacity</c> ready items, so that the next batches are assembled (read, gathered, augmented) while the
/// current one trains: <see cref="DataLoader"/>'s <c>prefetch</c> option, the single-worker form of PyTorch's
/// <c>prefetch_factor</c>. The items arrive in the source's order, unchanged, so training sees exactly what it
/// would see without prefetching. An exception thrown by the source is rethrown, with its original type and
/// stack trace, by the <see cref="MoveNext"/> that would have returned the failed item. Disposing the
/// enumerator (as <c>foreach</c> does, also on <c>break</c>) stops the thread and waits for it to end.
/// </summary>
internal sealed class BatchPrefetcher<T> : IEnumerator<T>
{
    private readonly IEnumerator<T> source;
    private readonly BlockingCollection<(T Item, ExceptionDispatchInfo? Error)> ready;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread worker;
    private T current = default!;
    private bool disposed;

    public BatchPrefetcher(IEnumerator<T> source, int capacity)
    {
        this.source = source;
        ready = new BlockingCollection<(T, ExceptionDispatchInfo?)>(capacity);
        worker = new Thread(Produce) { IsBackground = true, Name = "Sharpgrad DataLoader prefetch" };
        worker.Start();
    }

    public T Current => current;

    object? IEnumerator.Current => Current;

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!ready.TryTake(out var next, Timeout.Infinite)) return false; // the source is exhausted
        next.Error?.Throw();
        current = next.Item;
        return true;
    }

    public void Reset() => throw new NotSupportedException("DataLoader: a prefetching enumeration cannot be reset; enumerate the loader again.");

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        stop.Cancel();  // unblocks a worker waiting for room in the queue
        worker.Join();  // a batch being assembled is finished first
        ready.Dispose();
        stop.Dispose();
    }

    private void Produce()
    {
        try
        {
            while (source.MoveNext()) ready.Add((source.Current, null), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped early; nothing more is wanted.
        }
        catch (Exception e)
        {
            try { ready.Add((default!, ExceptionDispatchInfo.Capture(e)), stop.Token); }
            catch (OperationCanceledException) { }
        }
        finally
        {
            source.Dispose();
            ready.CompleteAdding();
        }
    }
}
