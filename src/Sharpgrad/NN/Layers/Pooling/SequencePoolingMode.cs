namespace Sharpgrad.NN;

/// <summary>How <see cref="SequencePooling"/> summarises the steps of a sequence.</summary>
public enum SequencePoolingMode
{
    /// <summary>The average over the steps.</summary>
    Mean,

    /// <summary>The first step (a BERT-style [CLS] token's position).</summary>
    First,

    /// <summary>The last step.</summary>
    Last,
}
