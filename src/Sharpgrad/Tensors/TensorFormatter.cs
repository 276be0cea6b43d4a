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
        var format = ElementFormat(t.DType, values);
        int width = values.Length == 0 ? 0 : values.Max(v => format(v).Length);
        var sb = new StringBuilder("tensor(");
        if (t.Rank == 0) sb.Append(format(values[0]));
        else AppendDim(sb, values, t.Shape, 0, 0, v => format(v).PadLeft(width), summarize, indent: 8);
        if (t.DType is not (DType.Float32 or DType.Int64)) sb.Append(", dtype=").Append(t.DType.Name());
        if (t.Count == 0) sb.Append(", size=").Append(t.ShapeText.Replace('[', '(').Replace(']', ')'));
        if (t.GradFn is not null) sb.Append(", grad_fn=<").Append(t.GradFn.Name).Append("Backward>");
        else if (t.RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private static Func<double, string> ElementFormat(DType dtype, double[] values)
    {
        var ci = CultureInfo.InvariantCulture;
        if (dtype == DType.Bool) return v => v != 0 ? "True" : "False";
        if (dtype == DType.Int64) return v => ((long)v).ToString(ci);
        var finite = values.Where(double.IsFinite).Select(Math.Abs).ToArray();
        double max = finite.Length > 0 ? finite.Max() : 0;
        double minNonZero = finite.Where(v => v > 0).DefaultIfEmpty(0).Min();
        bool scientific = max >= 1e8 || (minNonZero > 0 && minNonZero < 1e-4);
        return v => double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
            : scientific ? v.ToString("0.0000e+00", ci) : v.ToString("0.0000", ci);
    }

    private static void AppendDim(StringBuilder sb, double[] values, int[] shape, int dim, int start, Func<double, string> item, bool summarize, int indent)
    {
        int n = shape[dim];
        int stride = shape.Skip(dim + 1).Aggregate(1, (p, d) => p * d);
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == shape.Length - 1 ? "..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = n - EdgeItems;
            }
            if (dim == shape.Length - 1) sb.Append(item(values[start + i]));
            else AppendDim(sb, values, shape, dim + 1, start + i * stride, item, summarize, indent);
            if (i < n - 1)
                sb.Append(dim == shape.Length - 1 ? ", " : "," + new string('\n', shape.Length - 1 - dim) + new string(' ', indent + dim));
        }
        sb.Append(']');
    }
}
