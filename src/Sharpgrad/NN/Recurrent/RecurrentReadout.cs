namespace Sharpgrad.NN;

/// <summary>What a <see cref="RecurrentOutput"/> passes on from its recurrent layer.</summary>
public enum RecurrentReadout
{
    /// <summary>The last layer's h at every step, [T, N, D·H] ([N, T, D·H] with batchFirst): what a sequence tagger reads.</summary>
    Sequence,

    /// <summary>
    /// The output at the last step, [N, D·H]: a summary of the whole sequence for a classifier (GBC §10.2, Fig. 10.5).
    /// With a bidirectional layer its reverse half has seen only the last token; <see cref="FinalHidden"/> is then better.
    /// </summary>
    LastStep,

    /// <summary>
    /// The last layer's final hidden state h_n, its directions side by side, [N, D·H]: each direction's state after it
    /// has read the whole sequence (for one direction it equals <see cref="LastStep"/>).
    /// </summary>
    FinalHidden,
}
