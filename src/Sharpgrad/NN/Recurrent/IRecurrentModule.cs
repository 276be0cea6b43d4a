namespace Sharpgrad.NN;

/// <summary>What <see cref="FlopCounter"/> needs from a recurrent layer or cell, whatever its state and result types.</summary>
internal interface IRecurrentModule
{
    int InputSize { get; }

    /// <summary>Forward FLOPs for <paramref name="rows"/> input rows (T·N for a layer, N for a cell).</summary>
    long Flops(long rows);
}
