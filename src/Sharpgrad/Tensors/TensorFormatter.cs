using System.Globalization;
using System.Text;

namespace Sharpgrad;

/// <summary>Prints tensors the way PyTorch does, e.g. <c>tensor([[1.0000, 2.0000]], dtype=float64, requires_grad=True)</c>.</summary>
internal static class TensorFormatter
{
    private const int EdgeItems = 3;
    private const int Threshold = 1000;

    public static string Format(Tensor t)
    {
        var values = t.ToDoubleArray();
        bool summarize = values.Length > Threshold;
        var item = ElementFormat(t.DType, values);
        var sb = new StringBuilder("tensor(");
        if (t.Count == 0) sb.Append("[]");
        else if (t.Rank == 0) sb.Append(item(values[0]));
        else AppendDim(sb, values, t.Shape, 0, 0, item, summarize, indent: 8);
        // PyTorch names the dtype only when it is not a default one (float32, int64, bool); an empty tensor has no
        // values to show its kind, so it names any dtype but float32, and its size unless it is 1-D.
        if (t.Count == 0 && t.Rank != 1) sb.Append(", size=(").Append(string.Join(", ", t.Shape)).Append(')');
        if (t.Count == 0 ? t.DType != DType.Float32 : t.DType is DType.Float64 or DType.Float16 or DType.BFloat16)
            sb.Append(", dtype=").Append(t.DType.Name());
        if (t.GradFn is not null) sb.Append(", grad_fn=<").Append(t.GradFn.Name).Append("Backward>");
        else if (t.RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// PyTorch's _Formatter: the style comes from the non-zero finite values only. When they are all whole numbers
    /// floats print as "2." ("int mode"); scientific notation is used when max/min &gt; 1000 or max &gt; 1e8 (or, outside
    /// int mode, min &lt; 1e-4); otherwise 4 decimals. Every element is right-aligned to the widest of those values.
    /// </summary>
    private static Func<double, string> ElementFormat(DType dtype, double[] values)
    {
        var ci = CultureInfo.InvariantCulture;
        if (!dtype.IsFloatingPoint())
        {
            Func<double, string> plain = dtype == DType.Bool ? v => v != 0 ? "True" : "False" : v => ((long)v).ToString(ci);
            int plainWidth = values.Length == 0 ? 1 : values.Max(v => plain(v).Length);
            return v => plain(v).PadLeft(plainWidth);
        }
        var significant = values.Where(v => double.IsFinite(v) && v != 0).ToArray();
        bool intMode = significant.All(v => v == Math.Ceiling(v));
        double max = significant.Length > 0 ? significant.Max(Math.Abs) : 0;
        double min = significant.Length > 0 ? significant.Min(Math.Abs) : 0;
        bool scientific = significant.Length > 0 && (max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4));
        Func<double, string> number = scientific ? v => v.ToString("0.0000e+00", ci)
            : intMode ? v => v.ToString("F0", ci) + "."
            : v => v.ToString("F4", ci);
        string Text(double v) => double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : number(v);
        int width = significant.Length == 0 ? 1 : significant.Max(v => Text(v).Length);
        return v => Text(v).PadLeft(width);
    }

    private static void AppendDim(StringBuilder sb, double[] values, int[] shape, int dim, int start, Func<double, string> item, bool summarize, int indent)
    {
        int n = shape[dim];
        int stride = shape.Skip(dim + 1).Aggregate(1, (p, d) => p * d);
        bool last = dim == shape.Length - 1;
        string separator = last ? ", " : "," + new string('\n', shape.Length - 1 - dim) + new string(' ', indent + dim);
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * EdgeItems && i == EdgeItems)
            {
                // PyTorch writes the ellipsis as one more element (" ..." in a row, "..." as a row of its own).
                sb.Append(last ? " ..." : "...").Append(separator);
                i = n - EdgeItems;
            }
            if (last) sb.Append(item(values[start + i]));
            else AppendDim(sb, values, shape, dim + 1, start + i * stride, item, summarize, indent);
            if (i < n - 1) sb.Append(separator);
        }
        sb.Append(']');
    }
}
