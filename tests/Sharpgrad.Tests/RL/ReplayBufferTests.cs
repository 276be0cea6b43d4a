using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class ReplayBufferTests
{
    private static void Fill(ReplayBuffer buffer, int from, int to)
    {
        for (int k = from; k < to; k++) buffer.Add([k, -k], k % 2, 10 * k, [k + 1, -k - 1], k % 3 == 0);
    }

    [Fact]
    public void TheOldestTransitionIsOverwrittenFirst()
    {
        var buffer = new ReplayBuffer(capacity: 3, observationSize: 2);
        Fill(buffer, 0, 3);
        Assert.Equal(3, buffer.Count);
        Fill(buffer, 3, 5); // overwrites transitions 0 and 1 (positions 0 and 1)
        Assert.Equal(3, buffer.Count);
        Assert.Equal([3f, -3f], buffer[0].State);
        Assert.Equal([4f, -4f], buffer[1].State);
        Assert.Equal([2f, -2f], buffer[2].State);
        Assert.Equal((0L, 40f, false), (buffer[1].Action, buffer[1].Reward, buffer[1].Terminated));
        Assert.True(buffer[0].Terminated);
        Assert.Equal([5f, -5f], buffer[1].NextState);
    }

    [Fact]
    public void SamplesAreStoredRowsAndTheSeedRepeatsThem()
    {
        var buffer = new ReplayBuffer(capacity: 10, observationSize: 2);
        Fill(buffer, 0, 6);
        var batch = buffer.Sample(8, new Generator(5));
        Assert.Equal([8, 2], batch.States.Shape);
        var s = batch.States.ToArray<float>();
        var a = batch.Actions.ToArray<long>();
        var r = batch.Rewards.ToArray<float>();
        var next = batch.NextStates.ToArray<float>();
        var done = batch.Terminated.ToArray<float>();
        for (int b = 0; b < 8; b++)
        {
            int k = (int)s[2 * b];
            Assert.InRange(k, 0, 5);
            Assert.Equal((-k, k % 2, 10f * k, k + 1f, k % 3 == 0 ? 1f : 0f), (s[2 * b + 1], (int)a[b], r[b], next[2 * b], done[b]));
        }
        Assert.Equal(s, buffer.Sample(8, new Generator(5)).States.ToArray<float>());
    }

    [Fact]
    public void StateDictRestoresContentsAndPosition()
    {
        var buffer = new ReplayBuffer(capacity: 4, observationSize: 2);
        Fill(buffer, 0, 6);
        var copy = new ReplayBuffer(capacity: 4, observationSize: 2);
        copy.LoadStateDict(buffer.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone()));
        Fill(buffer, 6, 7);
        Fill(copy, 6, 7);
        for (int i = 0; i < 4; i++) Assert.Equal(buffer[i].State, copy[i].State);
        var e = Assert.Throws<ArgumentException>(() => new ReplayBuffer(5, 2).LoadStateDict(buffer.StateDict()));
        Assert.Contains("\"states\" must be", e.Message);
        // A position no buffer of capacity 4 can have: 3 stored transitions, next write at slot 1.
        var damaged = buffer.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        damaged["position"] = Tensor.From(new long[] { 1, 3 });
        Assert.Contains("cannot have", Assert.Throws<ArgumentException>(() => copy.LoadStateDict(damaged)).Message);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("capacity must be positive, got 0", Assert.Throws<ArgumentException>(() => new ReplayBuffer(0, 4)).Message);
        var buffer = new ReplayBuffer(2, 2);
        Assert.Contains("empty", Assert.Throws<InvalidOperationException>(() => buffer.Sample(1, new Generator(0))).Message);
        Assert.Contains("must have 2 values, got 3 and 2", Assert.Throws<ArgumentException>(() => buffer.Add([1, 2, 3], 0, 0, [1, 2], false)).Message);
    }
}
