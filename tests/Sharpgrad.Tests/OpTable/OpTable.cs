using System.Reflection;

namespace Sharpgrad.Tests.OpTable;

/// <summary>
/// The one table of differentiable ops. Each area of the library adds its entries in its own file
/// (<c>OpTable.Elementwise.cs</c>, <c>OpTable.Sorting.cs</c>, …) as a static method marked <see cref="OpEntriesAttribute"/>,
/// so the parts never edit a shared list.
/// </summary>
public static partial class OpTable
{
    private static readonly Lazy<IReadOnlyDictionary<string, OpInfo>> entries = new(Collect);

    public static IReadOnlyDictionary<string, OpInfo> Entries => entries.Value;

    private static IReadOnlyDictionary<string, OpInfo> Collect()
    {
        var all = new Dictionary<string, OpInfo>();
        var parts = typeof(OpTable).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(m => m.GetCustomAttribute<OpEntriesAttribute>() is not null)
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var op in (IEnumerable<OpInfo>)part.Invoke(null, null)!)
                if (!all.TryAdd(op.Name, op))
                    throw new InvalidOperationException($"OpTable: two entries are named \"{op.Name}\".");
        return all;
    }

    // ---------------------------------------------------------------- sample helpers shared by the parts

    public static Tensor Normal(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed)).RequireGrad();

    /// <summary>Values in [0.5, 2): inside the domain of Log, Sqrt and fractional powers.</summary>
    public static Tensor Positive(int seed, params int[] shape) => Uniform(seed, 0.5, 2, shape).RequireGrad();

    /// <summary>Uniform values in [low, high), not requiring grad (call RequireGrad() on the result if needed).</summary>
    public static Tensor Uniform(int seed, double low, double high, params int[] shape)
        => Tensor.Rand(shape, DType.Float64, new Generator(seed)) * (high - low) + low;

    /// <summary>Magnitudes in [0.3, 1.5) with random signs: away from kinks at 0 and the pole of 1/x.</summary>
    public static Tensor AwayFromZero(int seed, params int[] shape)
    {
        var magnitude = Uniform(seed, 0.3, 1.5, shape);
        var sign = Tensor.Rand(shape, DType.Float64, new Generator(seed + 1000)).Lt(0.5).Double() * 2 - 1;
        return (magnitude * sign).RequireGrad();
    }

    /// <summary>
    /// A permutation of 1..n spread out by <paramref name="gap"/>, with random signs, reshaped: distinct values (no ties
    /// for sorting, max or median) whose differences stay far above the finite-difference step.
    /// </summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var order = Tensor.RandPerm(n, new Generator(seed)).Double();
        return ((order - n / 2.0) * 0.25).Reshape(shape).Contiguous().Detach().RequireGrad();
    }

    public static OpInfo Unary(string name, Func<Tensor, Tensor> f, Func<Tensor> input) => new(name, x => f(x[0]), () => [input()]);

    public static OpInfo Binary(string name, Func<Tensor, Tensor, Tensor> f, Func<Tensor> a, Func<Tensor> b)
        => new(name, x => f(x[0], x[1]), () => [a(), b()]);
}
