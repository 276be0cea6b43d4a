namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Holds the layering of docs/design.md ("Layers"): a namespace may refer to its own layer and the layers below it,
/// never to one above. Checked by reflection over the compiled library, so a stray reference in a method body fails
/// here rather than in review.
/// </summary>
public class LayeringTests
{
    /// <summary>The layer of each namespace of the library, lowest first.</summary>
    private static readonly Dictionary<string, int> Layers = new()
    {
        ["Sharpgrad.Kernels"] = 0,
        ["Sharpgrad"] = 1,                 // Tensors, Autograd, Linalg
        ["Sharpgrad.Backends"] = 1,        // the seam: Backend, CpuBackend (calls Kernels), ReferenceBackend
        ["Sharpgrad.NN"] = 2,
        ["Sharpgrad.Optim"] = 2,
        ["Sharpgrad.Data"] = 2,
        ["Sharpgrad.IO"] = 2,
        ["Sharpgrad.Probability"] = 2,
        ["Sharpgrad.Text"] = 2,
        ["Sharpgrad.Training"] = 3,
        ["Sharpgrad.Regularization"] = 3,
        ["Sharpgrad.Models"] = 3,
        ["Sharpgrad.RL"] = 3,              // environments and agents; agents train NN modules with Optim
        ["Sharpgrad.Classic"] = 4,
        ["Sharpgrad.Generative"] = 3,      // autoencoders, VAE, GAN, RBM, partition functions (issue #15)
        ["Sharpgrad.Quantized"] = 3,       // int8 post-training quantisation of NN models (issue #18)
    };

    private static readonly Type[] LibraryTypes = typeof(Tensor).Assembly.GetTypes();

    [Fact]
    public void EveryNamespaceHasALayer()
    {
        // Namespaces outside Sharpgrad are the compiler's (System.Runtime.CompilerServices.NullableAttribute, …).
        var unplaced = LibraryTypes.Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("Sharpgrad"))
            .Distinct().Where(n => LayerOf(n) is null).ToList();
        Assert.True(unplaced.Count == 0, $"Give these namespaces a layer in LayeringTests: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void NoNamespaceReferencesAHigherLayer()
    {
        var violations = (
            from type in LibraryTypes
            let own = LayerOf(type.Namespace)
            where own is not null
            from referenced in TypeReferences.Of(type)
            where referenced.Assembly == typeof(Tensor).Assembly
            let target = LayerOf(referenced.Namespace)
            where target > own
            select $"{type.FullName} ({type.Namespace}, layer {own}) refers to {referenced.FullName} ({referenced.Namespace}, layer {target})")
            .Distinct().OrderBy(v => v).ToList();
        Assert.True(violations.Count == 0, "Lower layers must not refer to higher ones:\n" + string.Join("\n", violations));
    }

    /// <summary>A namespace's layer is its own entry or that of the nearest enclosing namespace listed.</summary>
    private static int? LayerOf(string? ns)
    {
        for (var n = ns; n is not null; n = n.Contains('.') ? n[..n.LastIndexOf('.')] : null)
            if (Layers.TryGetValue(n, out var layer)) return layer;
        return null;
    }
}
