namespace Sharpgrad.IO;

/// <summary>The contents of a safetensors file: its tensors by name, in file order, and its "__metadata__" strings.</summary>
public sealed record SafeTensorsFile(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata);
