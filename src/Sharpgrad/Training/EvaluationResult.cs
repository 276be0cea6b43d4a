namespace Sharpgrad.Training;

/// <summary>The mean loss of a model on a dataset and its accuracy (NaN when the outputs are not class scores).</summary>
public sealed record EvaluationResult(double Loss, double Accuracy);
