#!/usr/bin/env python3
"""An ONNX file exported by PyTorch 1.13 (torch.onnx.export, opset 17) for the ONNX weight-import test (issue #18).

    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_onnx_import_fixture.py

Writes onnx_import.onnx (the model, about 2 KB, weights as initializers named by state-dict keys) and
onnx_import.json (an input and PyTorch's output for it) next to itself.
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))
model = nn.Sequential(nn.Conv2d(1, 3, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 4 * 4, 5), nn.Tanh(), nn.Linear(5, 2))
model.eval()
x = torch.randn(2, 1, 4, 4)
torch.onnx.export(model, x[:1], os.path.join(here, "onnx_import.onnx"), opset_version=17,
                  input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "batch"}})
with torch.no_grad():
    y = model(x)


def tens(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


with open(os.path.join(here, "onnx_import.json"), "w") as f:
    json.dump({"input": tens(x), "output": tens(y)}, f)
