"""Deep-learning generators: parameter counts, shapes, memory and receptive fields of layers."""

from __future__ import annotations

import itertools
import random

from questions.generators._registry import Generated, generator


@generator("mlp-parameter-count")
def mlp_parameter_count(rng: random.Random) -> Generated:
    """Weights plus biases of a fully connected network given its layer widths."""
    widths = [
        rng.choice([100, 300, 512, 784, 1024, 3072]),
        *rng.sample([64, 128, 256, 512, 1024], rng.choice([2, 3])),
        rng.choice([1, 2, 10, 100]),
    ]
    pairs = list(itertools.pairwise(widths))
    counts = [fan_in * fan_out + fan_out for fan_in, fan_out in pairs]
    breakdown = "\n".join(
        f"  - {fan_in} → {fan_out}: {fan_in}×{fan_out} + {fan_out} = {count:,}"
        for (fan_in, fan_out), count in zip(pairs, counts, strict=True)
    )
    return Generated(
        {"arch": " → ".join(map(str, widths)), "n_layers": len(pairs), "breakdown": breakdown},
        float(sum(counts)),
    )


@generator("conv2d-parameter-count")
def conv2d_parameter_count(rng: random.Random) -> Generated:
    """Parameters of one Conv2d layer with a bias per output channel."""
    c_in = rng.choice([1, 3, 16, 32, 64, 128])
    c_out = rng.choice([16, 32, 64, 128, 256])
    k = rng.choice([1, 3, 5, 7])
    size = rng.choice([28, 32, 64, 128, 224])
    per_filter = k * k * c_in
    weights = per_filter * c_out
    return Generated(
        {"c_in": c_in, "c_out": c_out, "k": k, "size": size, "per_filter": per_filter, "weights": weights},
        float(weights + c_out),
    )


@generator("conv-pool-output-size")
def conv_pool_output_size(rng: random.Random) -> Generated:
    """Number of output values after a strided, padded conv followed by a 2x2/2 max-pool."""
    size = rng.choice([28, 32, 64, 96, 128, 224, 227])
    c_in = rng.choice([1, 3])
    c_out = rng.choice([16, 32, 64, 96])
    k = rng.choice([3, 5, 7, 11])
    stride = rng.choice([s for s in (1, 2, 4) if s <= k])
    padding = rng.choice([p for p in (0, 1, 2, 3) if p < k])
    numerator = size + 2 * padding - k
    conv_out = numerator // stride + 1
    pool_out = (conv_out - 2) // 2 + 1
    return Generated(
        {
            "size": size,
            "c_in": c_in,
            "c_out": c_out,
            "k": k,
            "stride": stride,
            "padding": padding,
            "numerator": numerator,
            "conv_out": conv_out,
            "pool_out": pool_out,
        },
        float(pool_out * pool_out * c_out),
    )


@generator("attention-parameter-count")
def attention_parameter_count(rng: random.Random) -> Generated:
    """Q, K, V and output projections (with biases) of multi-head attention with a free head size."""
    d_model = rng.choice([256, 512, 768, 1024])
    heads = rng.choice([4, 8, 12, 16])
    d_head = rng.choice([32, 64, 96, 128])
    inner = heads * d_head
    qkv = 3 * (d_model * inner + inner)
    out = inner * d_model + d_model
    return Generated(
        {"d_model": d_model, "heads": heads, "d_head": d_head, "inner": inner, "qkv": qkv, "out": out},
        float(qkv + out),
    )


@generator("stacked-lstm-parameters")
def stacked_lstm_parameters(rng: random.Random) -> Generated:
    """Parameters of a stacked LSTM, one bias vector per gate (the Keras convention)."""
    input_size = rng.choice([32, 50, 100, 128, 300])
    hidden = rng.choice([64, 128, 256, 512])
    layers = rng.choice([1, 2, 3])
    first = 4 * (hidden * (hidden + input_size) + hidden)
    upper = 4 * (hidden * (hidden + hidden) + hidden)
    return Generated(
        {
            "input_size": input_size,
            "hidden": hidden,
            "layers": layers,
            "upper_layers": layers - 1,
            "first": first,
            "upper": upper,
            "torch_extra": 4 * hidden * layers,
        },
        float(first + (layers - 1) * upper),
    )


@generator("activation-memory")
def activation_memory(rng: random.Random) -> Generated:
    """Memory of the activations a CNN stage saves for the backward pass, in MiB."""
    batch = rng.choice([8, 16, 32, 64, 128])
    channels, size = rng.choice([(64, 112), (64, 56), (128, 28), (256, 14), (512, 7)])
    layers = rng.choice([1, 2, 3, 4, 6])
    dtype, bytes_per = rng.choice([("float32", 4), ("float16", 2)])
    elements = batch * channels * size * size
    total_bytes = elements * bytes_per * layers
    return Generated(
        {
            "batch": batch,
            "channels": channels,
            "size": size,
            "layers": layers,
            "dtype": dtype,
            "bytes_per": bytes_per,
            "elements": elements,
            "total_bytes": total_bytes,
        },
        total_bytes / 2**20,
    )


@generator("receptive-field")
def receptive_field(rng: random.Random) -> Generated:
    """Receptive field of a stack of convolutions: 1 + sum of (k - 1) times the product of earlier strides."""
    depth = rng.choice([3, 4, 5])
    spec = [(rng.choice([3, 3, 5, 7]), rng.choice([1, 1, 2])) for _ in range(depth)]
    jump, field, terms = 1, 1, []
    for k, stride in spec:
        field += (k - 1) * jump
        terms.append(f"({k} − 1)×{jump}")
        jump *= stride
    listing = "\n".join(
        f"  {i}. {k}×{k} conv, stride {stride}" for i, (k, stride) in enumerate(spec, start=1)
    )
    return Generated({"depth": depth, "listing": listing, "terms": " + ".join(terms)}, float(field))
