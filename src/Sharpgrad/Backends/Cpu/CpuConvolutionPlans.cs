using System.Text;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The convolution plans this thread has made, by geometry, so that a network run again on the same shapes (every
/// inference call, every training step) reuses them instead of rebuilding the offset tables and kernel choices each
/// call. perf of LeNet-5 inference at batch 1: building <see cref="ImplicitConvPlan"/>s took about a tenth of the
/// forward pass. A plan holds no per-call state, only what follows from its geometry. It is kept per thread, but a
/// graph made on one thread may be differentiated on another while the first runs on, so a plan's lazily built parts
/// are each one reference set once (at worst two threads build the same part). At most <see cref="Capacity"/> plans
/// are kept per thread; past that the cache starts again (a program cycling through more shapes than that gains
/// nothing from it but loses nothing either).
/// </summary>
internal static class CpuConvolutionPlans
{
    private const int Capacity = 256;

    [ThreadStatic] private static Dictionary<string, CpuConvolutionPlan>? plans;

    public static CpuConvolutionPlan Get(ConvGeometry geometry, int groups, int outChannels, DType dtype)
    {
        var cache = plans ??= [];
        string key = Key(geometry, groups, outChannels, dtype);
        if (cache.TryGetValue(key, out var plan)) return plan;
        if (cache.Count >= Capacity) cache.Clear();
        return cache[key] = new CpuConvolutionPlan(geometry, groups, outChannels, dtype);
    }

    /// <summary>Everything a plan is made from: the geometry's sizes, groups, channels, dtype and any forced kernel choice or tile (tests).</summary>
    private static string Key(ConvGeometry g, int groups, int outChannels, DType dtype)
    {
        var key = new StringBuilder(96);
        key.Append(g.Batch).Append(',').Append(g.Channels).Append(',').Append(groups).Append(',').Append(outChannels)
            .Append(',').Append((int)dtype).Append(',').Append((int)ConvAlgorithm.Forced)
            .Append(ImplicitGemmKernel.Wide ? ",wide" : ",narrow");
        foreach (var dims in new[] { g.Input, g.Kernel, g.Stride, g.PadBefore, g.Dilation, g.Output })
            foreach (int size in dims) key.Append(',').Append(size);
        return key.ToString();
    }
}
