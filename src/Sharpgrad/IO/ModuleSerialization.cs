using Sharpgrad.NN;

namespace Sharpgrad.IO;

/// <summary>
/// <c>model.Save("model.safetensors")</c> and <c>model.Load("model.safetensors")</c>: a module's state dict
/// (parameters and buffers under PyTorch-style dotted names such as <c>0.weight</c>) as a safetensors file,
/// which PyTorch reads with <c>safetensors.torch.load_file</c> and loads with <c>model.load_state_dict</c>.
/// </summary>
public static class ModuleSerialization
{
    /// <summary>
    /// The metadata written with every module: the names and layouts follow PyTorch's conventions (Linear weight
    /// [out, in], NCHW), which is what "format": "pt" tells Hugging Face loaders.
    /// </summary>
    private static readonly Dictionary<string, string> PyTorchFormat = new() { ["format"] = "pt" };

    /// <summary>Writes the module's <see cref="Module.StateDict"/> to <paramref name="path"/> (atomically; see <see cref="SafeTensors.Save"/>).</summary>
    public static void Save(this Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Save(path, module.StateDict(), PyTorchFormat, checksum: true);
    }

    /// <summary>
    /// Loads the tensors in <paramref name="path"/> into the module through <see cref="Module.LoadStateDict"/>:
    /// with <paramref name="strict"/> (default) missing or unexpected names throw; otherwise they are returned. An
    /// integer tensor for a floating-point parameter is refused (<see cref="StateDictFit"/>), not converted.
    /// </summary>
    public static LoadResult Load(this Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var state = SafeTensors.Load(path);
        StateDictFit.CheckDTypes(module, state, path);
        return module.LoadStateDict(state, strict);
    }
}
