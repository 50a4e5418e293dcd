/// The Liquid template engine (filled in by the Liquid work).
public enum LiquidModule {}
