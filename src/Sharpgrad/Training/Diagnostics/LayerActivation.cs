using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>The output of one layer of a <see cref="Sequential"/> model for a probe batch, with the layer's dotted name.</summary>
public sealed record LayerActivation(string Name, Module Layer, Tensor Output);
