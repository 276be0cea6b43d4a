using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The three linear maps of a convolution without the taps that read padding: each class of output positions of a
/// <see cref="BorderSplitPlan"/> runs as a convolution of its own on <see cref="GemmConvolution"/>, with the weights'
/// sub-box of taps copied out, its block of outputs (or output gradients) moved between the output's box and a dense
/// scratch. The classes' boxes tile the output, so the forward writes every output once; the adjoint and the weight
/// gradient add the classes' contributions in class order.
/// </summary>
/// <remarks>
/// Order of summation: an output is the bias and then the multiply-adds of its inside taps, channel-major as in the
/// unsplit product, but the GEMM's depth blocks now start at other taps, so the bits differ from the unsplit path (by
/// rounding: the skipped products are exact zeros). An input-gradient element is the bias plus each class's col2im in
/// class order; a weight-gradient element the sum of each class's weight gradient in class order. Every cut depends on
/// the problem alone, so the bits are the same at any thread count.
/// </remarks>
internal static class BorderSplitConvolution
{
    public static void Forward<T>(BorderSplitPlan plan, int outChannels, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset,
        T[] y, int yOffset, ArrayLender<T>? lender) where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        if (g.Batch == 0) return;
        foreach (var c in plan.Classes)
        {
            int planes = g.Batch * outChannels, length = c.Geometry.OutputVolume;
            var block = Rent(lender, planes * length);
            if (c.Plan is null)
                for (int p = 0; p < planes; p++) block.AsSpan(p * length, length).Fill(bias is null ? T.Zero : bias[biasOffset + p % outChannels]);
            else
            {
                var weights = Weights(plan, c, outChannels, w, wOffset, lender);
                GemmConvolution.Forward(c.Plan, x, xOffset, weights, 0, bias, biasOffset, block, 0, lender: lender);
                Return(lender, weights);
            }
            Box.Move(y, yOffset, block, planes, g.Output, c.Begin, c.End, Box.Direction.FromDense);
            Return(lender, block);
        }
    }

    public static void Adjoint<T>(BorderSplitPlan plan, int outChannels, T[] y, int yOffset, T[] w, int wOffset, T[]? bias, int biasOffset,
        T[] x, int xOffset, ArrayLender<T>? lender) where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int lIn = g.InputVolume;
        for (int p = 0; p < g.Batch * g.Channels; p++)
            x.AsSpan(xOffset + p * lIn, lIn).Fill(bias is null ? T.Zero : bias[biasOffset + p % g.Channels]);
        if (g.Batch == 0) return;
        foreach (var c in plan.Classes)
        {
            if (c.Plan is null) continue;   // its outputs read no input: nothing flows back
            var block = Gather(plan, c, outChannels, y, yOffset, lender);
            var weights = Weights(plan, c, outChannels, w, wOffset, lender);
            GemmConvolution.Adjoint(c.Plan, block, 0, weights, 0, null, 0, x, xOffset, lender, accumulate: true);
            Return(lender, weights);
            Return(lender, block);
        }
    }

    public static void WeightGradient<T>(BorderSplitPlan plan, int outChannels, int groupChannels, T[] x, int xOffset, T[] y, int yOffset,
        T[] gradient, int gradientOffset, ArrayLender<T>? lender) where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int pairs = outChannels * groupChannels;
        gradient.AsSpan(gradientOffset, pairs * g.KernelVolume).Clear();
        if (g.Batch == 0) return;
        foreach (var c in plan.Classes)
        {
            if (c.Plan is null) continue;
            var block = Gather(plan, c, outChannels, y, yOffset, lender);
            var classGradient = Rent(lender, pairs * c.Geometry.KernelVolume);
            GemmConvolution.WeightGradient(c.Plan, x, xOffset, block, 0, classGradient, 0);
            Box.Move(gradient, gradientOffset, classGradient, pairs, g.Kernel, c.TapBegin, c.TapEnd, Box.Direction.AddFromDense);
            Return(lender, classGradient);
            Return(lender, block);
        }
    }

    /// <summary>The class's box of <paramref name="y"/> [N, O, output...] as a dense [N, O, class outputs...].</summary>
    private static T[] Gather<T>(BorderSplitPlan plan, BorderClass c, int outChannels, T[] y, int yOffset, ArrayLender<T>? lender) where T : unmanaged, INumber<T>
    {
        int planes = plan.Geometry.Batch * outChannels;
        var block = Rent(lender, planes * c.Geometry.OutputVolume);
        Box.Move(y, yOffset, block, planes, plan.Geometry.Output, c.Begin, c.End, Box.Direction.ToDense);
        return block;
    }

    /// <summary>The class's taps of W [O, C/G, K...] as a dense [O, C/G, class taps...].</summary>
    private static T[] Weights<T>(BorderSplitPlan plan, BorderClass c, int outChannels, T[] w, int wOffset, ArrayLender<T>? lender) where T : unmanaged, INumber<T>
    {
        int pairs = outChannels * c.Plan!.GroupChannels;
        var weights = Rent(lender, pairs * c.Geometry.KernelVolume);
        Box.Move(w, wOffset, weights, pairs, plan.Geometry.Kernel, c.TapBegin, c.TapEnd, Box.Direction.ToDense);
        return weights;
    }

    private static T[] Rent<T>(ArrayLender<T>? lender, int length) where T : unmanaged => lender?.Rent(length) ?? new T[length];

    private static void Return<T>(ArrayLender<T>? lender, T[] array) where T : unmanaged => lender?.Return(array);
}
