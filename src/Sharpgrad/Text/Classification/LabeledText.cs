namespace Sharpgrad.Text.Classification;

/// <summary>A tokenised text and its class label, for a text classifier.</summary>
public sealed record LabeledText(IReadOnlyList<string> Words, string Label);
