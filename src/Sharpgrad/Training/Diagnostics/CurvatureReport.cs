namespace Sharpgrad.Training;

/// <summary>gᵀg, gᵀHg and the predicted change −εgᵀg + ½ε²gᵀHg of the cost for a gradient step of size ε (GBC eq. 8.10).</summary>
public sealed record CurvatureReport(double GradientNormSquared, double GradientCurvature, double PredictedChange);
