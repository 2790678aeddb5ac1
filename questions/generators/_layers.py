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
    return Generated(
        lstm_values(layers, input_size, hidden), float(lstm_parameters(layers, input_size, hidden))
    )


def lstm_parameters(layers: int, input_size: int, hidden: int) -> int:
    """Four gates per layer, each with W (h × x_in), U (h × h) and b (h); above layer 1, x_in = h."""
    return sum(4 * (hidden * (hidden + x_in) + hidden) for x_in in [input_size] + [hidden] * (layers - 1))


def lstm_values(layers: int, input_size: int, hidden: int) -> dict[str, object]:
    """Template values worded for the layer count: one layer is not "stacked" and has none above it."""
    total = lstm_parameters(layers, input_size, hidden)
    first = lstm_parameters(1, input_size, hidden)
    upper = lstm_parameters(1, hidden, hidden)
    layer_one = f"4 × ({hidden} × ({hidden} + {input_size}) + {hidden}) = {first:,}"
    layer_above = f"4 × ({hidden} × ({hidden} + {hidden}) + {hidden}) = {upper:,}"
    if layers == 1:
        network = "A single-layer LSTM"
        lines = [f"- The only layer (x_in = {input_size}): {layer_one}", f"- Total = **{first:,}**"]
    else:
        network = f"A {layers}-layer stacked LSTM"
        above = {2: "Layer 2", 3: "Each of layers 2 and 3"}.get(layers, f"Each of layers 2 to {layers}")
        times = "" if layers == 2 else f"{layers - 1} × "
        lines = [
            f"- Layer 1 (x_in = {input_size}): {layer_one}",
            f"- {above} (x_in = {hidden}): {layer_above}",
            f"- Total = {first:,} + {times}{upper:,} = **{total:,}**",
        ]
    sizes = "" if layers == 1 else " in every layer (each layer feeds its hidden state to the next)"
    return {
        "network": network,
        "layers": layers,
        "input_size": input_size,
        "hidden": hidden,
        "sizes": sizes,
        "breakdown": "\n".join(lines),
        "torch_extra": 4 * hidden * layers,
    }


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
