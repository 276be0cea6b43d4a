using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>What the activation recycling tests need: a reference network that recycles nothing, and a byte count.</summary>
internal static class ActivationRecyclingProbe
{
    /// <summary>
    /// A hook on the first leaf module makes a network recycle nothing: the reference. (A hook on a container would not
    /// do: a Sequential's own hooks see only its input and result, so its call would still recycle.)
    /// </summary>
    public static T ThatRecyclesNothing<T>(T network) where T : Module
    {
        Module leaf = network;
        while (leaf.Children().FirstOrDefault() is { } child) leaf = child;
        leaf.RegisterForwardHook(new ForwardHook((_, _, _) => { }));
        return network;
    }

    /// <summary>
    /// The bytes given back to the pool on this thread while <paramref name="call"/> runs: a per-thread counter, which
    /// tests running in parallel do not disturb.
    /// </summary>
    public static long RecycledBytes(Action call)
    {
        long before = GraphOwnedActivations.RecycledBytesOnThisThread;
        call();
        return GraphOwnedActivations.RecycledBytesOnThisThread - before;
    }
}
