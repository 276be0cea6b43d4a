namespace Sharpgrad.NN;

/// <summary>The layout settings of <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> that adapters read, whatever their state types.</summary>
internal interface IRecurrentLayer
{
    bool BatchFirst { get; }
    int NumLayers { get; }
    bool Bidirectional { get; }
}
