namespace Sharpgrad.Data;

/// <summary>The samples of several datasets one after the other (PyTorch's ConcatDataset), for retraining on all data.</summary>
internal sealed class ConcatenatedDataset : Dataset
{
    private readonly Dataset[] parts;
    private readonly int[] starts;

    public ConcatenatedDataset(params Dataset[] parts)
    {
        this.parts = parts;
        starts = new int[parts.Length];
        for (int i = 1; i < parts.Length; i++) starts[i] = starts[i - 1] + parts[i - 1].Count;
    }

    public override int Count => starts[^1] + parts[^1].Count;

    protected override (Tensor Input, Tensor Target) GetItem(int index)
    {
        int part = Array.FindLastIndex(starts, s => s <= index);
        return parts[part][index - starts[part]];
    }
}
