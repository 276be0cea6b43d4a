namespace Sharpgrad;

/// <summary>
/// Records an op with several outputs (Eigh's values and vectors, Svd's U, S, Vh, Qr's Q and R). A graph node has
/// one output, so the outputs are packed into one flat tensor that carries the node, and handed out as views of
/// it. Gradients reaching any of the views land in the packed tensor, whose backward splits them again; an output
/// nobody used contributes zeros.
/// </summary>
internal static class MultiOutput
{
    /// <summary>Maps the gradients of all outputs (zeros for unused ones) to gradients of the inputs.
    /// <paramref name="outputs"/> are the recorded outputs, differentiable, so backward rules may use them for higher orders.</summary>
    public delegate Tensor?[] BackwardRule(Tensor[] gradOutputs, Tensor[] outputs);

    public static Tensor[] Record(Tensor[] outputs, string name, Tensor[] inputs, BackwardRule backward)
    {
        if (!Autograd.WillRecord(inputs)) return outputs;
        var sizes = outputs.Select(o => o.Count).ToArray();
        var shapes = outputs.Select(o => o.Shape.ToArray()).ToArray();
        Tensor packed;
        using (Autograd.NoGrad()) packed = Tensor.Cat(outputs.Select(o => o.Reshape(-1)).ToArray());
        Tensor[] views = [];
        packed = packed.Record(name, inputs, g => backward(Unpack(g, sizes, shapes), views));
        views = Unpack(packed, sizes, shapes);
        return views;
    }

    private static Tensor[] Unpack(Tensor flat, int[] sizes, int[][] shapes)
        => flat.Split(sizes).Select((piece, i) => piece.Reshape(shapes[i])).ToArray();
}
