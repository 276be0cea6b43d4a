namespace Sharpgrad.Kernels;

/// <summary>
/// The work buffers of one call's passes through <see cref="WinogradConvolution"/>, each sized for the plan's largest
/// pass and rented from <see cref="ConvScratch{T}"/>: the pass's padded planes, its transformed inputs (V, or Vᵀ for
/// the weight gradient) and its transformed outputs (the products M, or the output gradient's dMᵀ).
/// </summary>
internal readonly struct WinogradPassBuffers<T> where T : unmanaged
{
    private readonly ConvScratch<T> padded, inputs, outputs;

    public T[] Padded { get; }
    public T[] Inputs { get; }
    public T[] Outputs { get; }

    /// <param name="plan">the convolution's plan</param>
    /// <param name="outputSlack">elements past the last position's block of the transformed outputs that a transform may read</param>
    public WinogradPassBuffers(WinogradConvPlan plan, int outputSlack)
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        padded = ConvScratch<T>.Rent();
        inputs = ConvScratch<T>.Rent();
        outputs = ConvScratch<T>.Rent();
        Padded = padded.Get(plan.ImagesPerPass * plan.Geometry.Channels * plan.Plane);
        Inputs = inputs.Get(WinogradConvPlan.Positions * plan.InputStride(plan.PassTiles, size));
        Outputs = outputs.Get(WinogradConvPlan.Positions * plan.OutputStride(plan.PassTiles, size) + outputSlack);
    }

    public void Return()
    {
        ConvScratch<T>.Return(outputs);
        ConvScratch<T>.Return(inputs);
        ConvScratch<T>.Return(padded);
    }
}
