using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>The output (the first tensor of it) of one layer of a model for a probe batch, with the layer's dotted name.</summary>
public sealed record LayerActivation(string Name, Module Layer, Tensor Output);
