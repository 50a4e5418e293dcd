/// Limits that stop a runaway template with a located error long before it exhausts memory or time.
///
/// Liquid 5.4 has `Liquid::ResourceLimits` (`render_length_limit`, `render_score_limit`), off by default;
/// Jekyll leaves them off. Strata keeps them on with defaults far above what a real site reaches, because a
/// typo such as `(1..100000000)` must cost the writer a second, not the machine its memory. Set them in
/// `_config.yml` under `liquid:` (`render_length_limit`, `loop_iteration_limit`, `include_depth_limit`).
/// Block nesting is fixed at 100, as in Liquid's parser.
public struct ResourceLimits: Sendable, Equatable {
    /// The most UTF-8 bytes one render may produce, in any one output or `capture` buffer.
    /// Liquid's `render_length_limit`. Default 64 MiB.
    public var renderLength: Int
    /// The most loop iterations (`for` and `tablerow`, nested ones included) one render may run, and the most
    /// items a range may hold when a filter turns it into an array. Default 1,000,000.
    public var loopIterations: Int
    /// The deepest `include` nesting allowed. Default 100.
    public var includeDepth: Int

    /// The default `renderLength`: 64 MiB of output.
    public static let defaultRenderLength = 64 << 20

    public init(renderLength: Int = defaultRenderLength, loopIterations: Int = 1_000_000, includeDepth: Int = 100) {
        self.renderLength = renderLength
        self.loopIterations = loopIterations
        self.includeDepth = includeDepth
    }
}
