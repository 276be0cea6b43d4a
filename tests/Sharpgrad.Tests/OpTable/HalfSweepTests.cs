namespace Sharpgrad.Tests.OpTable;

/// <summary>
/// Every op-table entry given float16 and bfloat16 inputs (issue #20): an op either computes (giving a result of a
/// floating-point dtype) or refuses with a <see cref="NotSupportedException"/> that names the half type and says to
/// convert with To(DType.Float32): never an InvalidCastException or an index error from deep inside a backend.
/// Ops that check first name themselves; the rest are caught by the backstop in <c>Tensor.Data&lt;T&gt;()</c>.
/// </summary>
public class HalfSweepTests
{
    public static TheoryData<string> Names => OpTableTests.Names;

    /// <summary>
    /// Ops that compute on half types through HalfPrecision and must not regress to a refusal: LayerNorm (a Transformer
    /// converted to bfloat16 goes through it; its fused node once refused half inputs).
    /// </summary>
    private static bool MustCompute(string name) => name.StartsWith("LayerNorm", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Names))]
    public void HalfInputsComputeOrFailClearly(string name)
    {
        var op = OpTable.Entries[name];
        foreach (var dtype in new[] { DType.Float16, DType.BFloat16 })
        {
            var inputs = op.Samples().Select(t => t.DType == DType.Float64 ? t.Detach().To(dtype) : t).ToArray();
            try
            {
                var y = op.Function(inputs);
                Assert.True(y.DType.IsFloatingPoint() || y.DType is DType.Int64 or DType.Bool, $"{name}: result dtype {y.DType.Name()}");
            }
            catch (NotSupportedException e) when (!MustCompute(name))
            {
                Assert.Contains(dtype.Name(), e.Message);
                Assert.Contains("To(DType.Float32)", e.Message);
            }
            catch (ArgumentException e) when (!MustCompute(name) && e.Message.EndsWith($"unsupported dtype {dtype.Name()}."))
            {
                // Scatter, IndexCopy, IndexAdd and IndexPut switch on the dtype themselves (Tensor.Indexing.cs,
                // Tensor.Scatter.cs) and name the op and dtype, without the advice; those files are moving behind the seam.
            }
        }
    }
}
