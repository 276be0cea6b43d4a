using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// Pooling as GBC §9.3 defines it: each output summarises the inputs of its window, the maximum (max pooling) or the
// mean (average pooling), every plane on its own. The windows come from PoolWindows' plain description (Start, Count,
// Step per dim); the taps in the padding are skipped, which is padding max pooling with −∞ and average pooling with 0.
internal sealed partial class ReferenceBackend
{
    /// <summary>
    /// The maximum of each window and where it is. A tap replaces the best so far when it is the first, larger, or
    /// NaN (so a NaN propagates); an equal value does not, so ties keep the first maximum, as PyTorch does.
    /// </summary>
    protected override void MaxPool<T>(Tensor values, Tensor indices, Tensor planes, PoolWindows windows)
    {
        T[] x = planes.Data<T>(), y = values.Data<T>();
        long[] switches = indices.Data<long>();
        for (int p = 0; p < windows.Planes; p++)
            for (int o = 0; o < windows.OutputVolume; o++)
            {
                T best = T.Zero;
                int at = -1;
                foreach (int i in Window(windows, o))
                {
                    T v = x[planes.offset + p * windows.InputVolume + i];
                    if (at < 0 || v > best || T.IsNaN(v)) (best, at) = (v, i);
                }
                y[values.offset + p * windows.OutputVolume + o] = best;
                switches[indices.offset + p * windows.OutputVolume + o] = at;
            }
    }

    /// <summary>Only the maximum reached the output, so each gradient goes back to its switch alone.</summary>
    protected override void MaxPoolBackward<T>(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows)
    {
        T[] dx = gradPlanes.Data<T>(), g = gradValues.Data<T>();
        long[] switches = indices.Data<long>();
        for (int p = 0; p < windows.Planes; p++)
        {
            int plane = gradPlanes.offset + p * windows.InputVolume;
            for (int i = 0; i < windows.InputVolume; i++) dx[plane + i] = T.Zero;
            for (int o = 0; o < windows.OutputVolume; o++)
                dx[plane + (int)switches[indices.offset + p * windows.OutputVolume + o]] += g[gradValues.offset + p * windows.OutputVolume + o];
        }
    }

    /// <summary>Each window's sum divided by its divisor: its size, or only its real inputs, or a fixed override.</summary>
    protected override void AvgPool<T>(Tensor output, Tensor planes, PoolWindows windows)
    {
        T[] x = planes.Data<T>(), y = output.Data<T>();
        for (int p = 0; p < windows.Planes; p++)
            for (int o = 0; o < windows.OutputVolume; o++)
            {
                T sum = T.Zero;
                foreach (int i in Window(windows, o)) sum += x[planes.offset + p * windows.InputVolume + i];
                y[output.offset + p * windows.OutputVolume + o] = sum / Divisor<T>(windows, o);
            }
    }

    /// <summary>The transpose of the average: each output's gradient shared equally (÷ divisor) by its window's inputs.</summary>
    protected override void AvgPoolAdjoint<T>(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows)
    {
        T[] dx = gradPlanes.Data<T>(), g = gradOutput.Data<T>();
        for (int p = 0; p < windows.Planes; p++)
        {
            int plane = gradPlanes.offset + p * windows.InputVolume;
            for (int i = 0; i < windows.InputVolume; i++) dx[plane + i] = T.Zero;
            for (int o = 0; o < windows.OutputVolume; o++)
            {
                T share = g[gradOutput.offset + p * windows.OutputVolume + o] / Divisor<T>(windows, o);
                foreach (int i in Window(windows, o)) dx[plane + i] += share;
            }
        }
    }

    /// <summary>
    /// The input positions (within a plane [depth, height, width]) of output o's window, in row-major order: along
    /// each dim the taps Start + j·Step, j &lt; Count, of which those outside the input are padding and left out.
    /// </summary>
    private static IEnumerable<int> Window(PoolWindows windows, int o)
    {
        int[] input = windows.Input;
        var (od, oh, ow) = Position(windows, o);
        for (int jd = 0; jd < windows.Count[0][od]; jd++)
        {
            int id = windows.Start[0][od] + jd * windows.Step[0];
            if (id < 0 || id >= input[0]) continue;
            for (int jh = 0; jh < windows.Count[1][oh]; jh++)
            {
                int ih = windows.Start[1][oh] + jh * windows.Step[1];
                if (ih < 0 || ih >= input[1]) continue;
                for (int jw = 0; jw < windows.Count[2][ow]; jw++)
                {
                    int iw = windows.Start[2][ow] + jw * windows.Step[2];
                    if (iw >= 0 && iw < input[2]) yield return (id * input[1] + ih) * input[2] + iw;
                }
            }
        }
    }

    /// <summary>What output o's average divides by: the override, else the product of one factor per dim.</summary>
    private static T Divisor<T>(PoolWindows windows, int o) where T : INumber<T>
    {
        var (od, oh, ow) = Position(windows, o);
        var factors = windows.DivisorFactors;
        return T.CreateChecked(windows.DivisorOverride ?? (double)factors[0][od] * factors[1][oh] * factors[2][ow]);
    }

    /// <summary>Output o's position (depth, row, column) in the output volume, o being row-major.</summary>
    private static (int D, int H, int W) Position(PoolWindows windows, int o)
    {
        int[] output = windows.Output;
        return (o / (output[1] * output[2]), o / output[2] % output[1], o % output[2]);
    }
}
