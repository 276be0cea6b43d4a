namespace Sharpgrad;

/// <summary>
/// A parsed <see cref="Tensor.Einsum"/> equation, in PyTorch's grammar: comma-separated subscripts of letters (a–z,
/// A–Z) with at most one "..." each, then optionally "->" and the output's subscripts. Each letter becomes an int
/// label in ASCII order (A–Z before a–z, PyTorch's order for the implicit output); the dims an ellipsis covers become
/// labels <see cref="EllipsisLabel"/> + j, right-aligned, so they broadcast like NumPy's trailing dims.
/// </summary>
internal sealed record EinsumEquation(int[][] Inputs, int[] Output)
{
    public const int EllipsisLabel = 1000;

    private const int Ellipsis = -1;

    public static EinsumEquation Parse(string equation, Tensor[] operands)
    {
        var text = equation.Replace(" ", "");
        int arrow = text.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow < 0 ? text : text[..arrow]).Split(',');
        if (terms.Length != operands.Length)
            throw new ArgumentException($"Einsum: the equation \"{equation}\" has subscripts for {terms.Length} operand(s), but {operands.Length} were given.");
        var tokens = terms.Select(t => Tokenize(t, equation)).ToArray();
        int ellipsisRank = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            int letters = tokens[i].Count(t => t != Ellipsis);
            bool hasEllipsis = tokens[i].Contains(Ellipsis);
            if (hasEllipsis ? letters > operands[i].Rank : letters != operands[i].Rank)
                throw new ArgumentException($"Einsum: subscripts \"{terms[i]}\" of operand {i} name {letters} dim(s), but the operand has shape {operands[i].ShapeText}.");
            if (hasEllipsis) ellipsisRank = Math.Max(ellipsisRank, operands[i].Rank - letters);
        }
        var inputs = tokens.Select((t, i) => ExpandEllipsis(t, operands[i].Rank - t.Count(x => x != Ellipsis), ellipsisRank)).ToArray();
        return new EinsumEquation(inputs, arrow < 0
            ? ImplicitOutput(tokens, ellipsisRank)
            : ExplicitOutput(Tokenize(text[(arrow + 2)..], equation), tokens, ellipsisRank, equation));
    }

    /// <summary>Without "->": the ellipsis dims, then the letters that occur exactly once in the equation, in ASCII order.</summary>
    private static int[] ImplicitOutput(List<int>[] tokens, int ellipsisRank)
    {
        var once = tokens.SelectMany(t => t).Where(l => l != Ellipsis).GroupBy(l => l).Where(g => g.Count() == 1).Select(g => g.Key).Order();
        bool anyEllipsis = tokens.Any(t => t.Contains(Ellipsis));
        return [.. anyEllipsis ? Enumerable.Range(EllipsisLabel, ellipsisRank) : [], .. once];
    }

    private static int[] ExplicitOutput(List<int> output, List<int>[] tokens, int ellipsisRank, string equation)
    {
        foreach (var label in output.Where(l => l != Ellipsis))
        {
            if (!tokens.Any(t => t.Contains(label)))
                throw new ArgumentException($"Einsum: output subscript '{Letter(label)}' in \"{equation}\" does not appear in the inputs.");
            if (output.Count(l => l == label) > 1)
                throw new ArgumentException($"Einsum: output subscript '{Letter(label)}' appears more than once in \"{equation}\".");
        }
        return ExpandEllipsis(output, ellipsisRank, ellipsisRank);
    }

    private static int[] ExpandEllipsis(List<int> tokens, int covered, int ellipsisRank)
        => [.. tokens.SelectMany(t => t == Ellipsis ? Enumerable.Range(EllipsisLabel + ellipsisRank - covered, covered) : [t])];

    private static List<int> Tokenize(string term, string equation)
    {
        var labels = new List<int>();
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (char.IsAsciiLetter(c)) labels.Add(c);
            else if (c == '.' && string.CompareOrdinal(term, i, "...", 0, 3) == 0 && !labels.Contains(Ellipsis))
            {
                labels.Add(Ellipsis);
                i += 2;
            }
            else
                throw new ArgumentException($"Einsum: invalid subscript '{c}' in \"{equation}\"; subscripts are letters a–z, A–Z and at most one \"...\" per operand.");
        }
        return labels;
    }

    /// <summary>How a label is written in error messages.</summary>
    public static string Letter(int label) => label >= EllipsisLabel ? "..." : ((char)label).ToString();
}
