using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Embeddings;

/// <summary>
/// PyTorch 1.13's F.embedding (Fixtures/make_embedding_fixtures.py): outputs, the weight after max-norm renormalisation
/// and the weight's gradient of Σ out·G with padding rows, repeated indices and frequency scaling, to 1e-12 in float64.
/// </summary>
public class EmbeddingFixtureTests
{
    public static TheoryData<string> Cases() => [.. Fixture.Load("embedding.json").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = Fixture.Load("embedding.json").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var weight = Fixture.Tensor(c.GetProperty("weight")).RequireGrad();
        var indices = Fixture.Tensor(c.GetProperty("indices")).Long();
        var options = c.GetProperty("options");
        int? padding = options.TryGetProperty("padding_idx", out var p) ? p.GetInt32() : null;
        double? maxNorm = options.TryGetProperty("max_norm", out var m) ? m.GetDouble() : null;
        double normType = options.TryGetProperty("norm_type", out var n) ? n.GetDouble() : 2;
        bool scale = options.TryGetProperty("scale_grad_by_freq", out var s) && s.GetBoolean();

        var output = Functional.Embedding(indices, weight, padding, maxNorm, normType, scale);
        Close(Fixture.Tensor(c.GetProperty("output")), output, 1e-12);
        Close(Fixture.Tensor(c.GetProperty("weight_after")), weight.Detach(), 1e-12);
        (output * Fixture.Tensor(c.GetProperty("g"))).Sum().Backward();
        Close(Fixture.Tensor(c.GetProperty("grad_weight")), weight.Grad!, 1e-12);
    }
}
