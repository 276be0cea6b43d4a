namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>
    /// Einstein summation (torch.einsum): "ij,jk->ik" is a matrix product, "ii->i" a diagonal, "bij,bjk->bik" a
    /// batched product, "...ij->...ji" a transpose of the last two dims; subscripts missing from the output are summed.
    /// Without "->" the output is the ellipsis dims followed by the subscripts that occur once, in alphabetical order.
    /// Dims with the same subscript (and ellipsis dims) must have equal sizes or size 1, which broadcasts.
    /// <para>
    /// Computed with existing differentiable ops, so gradients of any order come from them: repeated subscripts in one
    /// operand become a diagonal view, a subscript that no other operand or the output needs is summed at once, and the
    /// operands are then contracted left to right, each pair as one batched MatMul (shared subscripts still needed later
    /// are batch dims, the rest of the shared ones are the summed depth).
    /// </para>
    /// </summary>
    public static Tensor Einsum(string equation, params Tensor[] operands)
    {
        if (operands.Length == 0) throw new ArgumentException($"Einsum: \"{equation}\" needs at least one operand.");
        if (operands.Any(o => o.DType != operands[0].DType || !o.DType.IsFloatingPoint()))
            throw new ArgumentException($"Einsum: operands must share a floating-point dtype, got {string.Join(", ", operands.Select(o => o.DType.Name()))}.");
        var parsed = EinsumEquation.Parse(equation, operands);
        var terms = operands.Select((t, i) => EinsumTerm.Of(t, parsed.Inputs[i], i)).ToList();
        EinsumTerm.CheckSizes(terms);
        for (int i = 0; i < terms.Count; i++)
        {
            var needed = parsed.Output.Concat(terms.Where((_, j) => j != i).SelectMany(t => t.Labels)).ToHashSet();
            terms[i] = terms[i].SumExcept(needed);
        }
        var result = terms[0];
        for (int i = 1; i < terms.Count; i++)
            result = result.Contract(terms[i], [.. parsed.Output, .. terms.Skip(i + 1).SelectMany(t => t.Labels)]);
        result = result.SumExcept([.. parsed.Output]);
        return result.Tensor.Permute([.. parsed.Output.Select(l => result.Labels.IndexOf(l))]);
    }
}
