package io.vishwaops.mlcore.expression;

import java.time.Instant;
import java.util.List;

import io.vishwaops.mlcore.expression.Compiler.Eval;
import io.vishwaops.mlcore.expression.Compiler.Typed;

import static io.vishwaops.mlcore.expression.ValueType.BOOLEAN;
import static io.vishwaops.mlcore.expression.ValueType.NUMBER;
import static io.vishwaops.mlcore.expression.ValueType.TIMESTAMP;

/** The built-in functions: each checks its arguments when the expression is compiled and returns a typed node. */
final class Functions {

    private Functions() {
    }

    static Typed call(String name, int position, List<Typed> args, Compiler compiler) {
        String shown = name + "(" + String.join(", ", args.stream().map(Typed::shown).toList()) + ")";
        return switch (name) {
            case "abs" -> unary(name, position, shown, args, compiler, Math::abs);
            case "sqrt" -> unary(name, position, shown, args, compiler, Math::sqrt);
            case "log" -> unary(name, position, shown, args, compiler, Math::log);
            case "exp" -> unary(name, position, shown, args, compiler, Math::exp);
            case "floor" -> unary(name, position, shown, args, compiler, Math::floor);
            case "ceil" -> unary(name, position, shown, args, compiler, Math::ceil);
            case "round" -> round(position, shown, args, compiler);
            case "min", "max" -> extreme(name, position, shown, args, compiler);
            case "if" -> conditional(position, shown, args, compiler);
            case "coalesce" -> coalesce(position, shown, args, compiler);
            case "is_missing" -> {
                arity(name, position, args, 1, 1);
                Eval e = args.getFirst().eval();
                yield compiler.typed(BOOLEAN, position, shown, row -> e.apply(row) == null);
            }
            case "bucketize" -> bucketize(position, shown, args, compiler);
            case "year", "month", "day", "hour", "weekday", "dayofyear" -> datePart(name, position, shown, args, compiler);
            case "days_between" -> {
                arity(name, position, args, 2, 2);
                Eval from = compiler.require(args.get(0), TIMESTAMP, "days_between").eval();
                Eval to = compiler.require(args.get(1), TIMESTAMP, "days_between").eval();
                yield compiler.typed(NUMBER, position, shown, row -> {
                    Object a = from.apply(row);
                    Object b = to.apply(row);
                    return a == null || b == null ? null : Compiler.days((Instant) a, (Instant) b);
                });
            }
            default -> throw new IllegalStateException("no function " + name);
        };
    }

    private static Typed unary(String name, int position, String shown, List<Typed> args, Compiler compiler,
            java.util.function.DoubleUnaryOperator f) {
        arity(name, position, args, 1, 1);
        compiler.require(args.getFirst(), NUMBER, name);
        return compiler.numeric(position, shown, f, args.getFirst());
    }

    private static Typed round(int position, String shown, List<Typed> args, Compiler compiler) {
        arity("round", position, args, 1, 2);
        compiler.require(args.getFirst(), NUMBER, "round");
        int digits = 0;
        if (args.size() == 2) {
            Typed second = args.get(1);
            if (!(second.constant() instanceof Double d) || d != Math.rint(d) || d < 0 || d > 15) {
                throw new ExpressionException(second.position(), "round's digits must be a whole number 0..15");
            }
            digits = d.intValue();
        }
        int scale = digits;
        return compiler.numeric(position, shown, x -> Compiler.round(x, scale), args.getFirst());
    }

    private static Typed extreme(String name, int position, String shown, List<Typed> args, Compiler compiler) {
        arity(name, position, args, 2, Integer.MAX_VALUE);
        args.forEach(arg -> compiler.require(arg, NUMBER, name));
        Typed result = args.getFirst();
        for (Typed arg : args.subList(1, args.size())) {
            result = compiler.numeric(position, shown, name.equals("min") ? Math::min : Math::max, result, arg);
        }
        return result;
    }

    private static Typed conditional(int position, String shown, List<Typed> args, Compiler compiler) {
        arity("if", position, args, 3, 3);
        compiler.require(args.get(0), BOOLEAN, "if's condition");
        Typed then = compiler.asTimestampIfText(args.get(1), args.get(2));
        Typed otherwise = compiler.asTimestampIfText(args.get(2), then);
        if (then.type() != otherwise.type()) {
            throw compiler.typeError(otherwise, "if's two results must have one type, and the first is "
                    + then.type().word());
        }
        Eval condition = args.get(0).eval();
        Eval a = then.eval();
        Eval b = otherwise.eval();
        return compiler.typed(then.type(), position, shown, row -> {
            Object test = condition.apply(row);
            return test == null ? null : (Boolean) test ? a.apply(row) : b.apply(row);
        });
    }

    private static Typed coalesce(int position, String shown, List<Typed> args, Compiler compiler) {
        arity("coalesce", position, args, 2, Integer.MAX_VALUE);
        Typed timestamp = args.stream().filter(arg -> arg.type() == TIMESTAMP).findFirst().orElse(null);
        if (timestamp != null) {
            args = args.stream().map(arg -> compiler.asTimestampIfText(arg, timestamp)).toList();
        }
        for (Typed arg : args.subList(1, args.size())) {
            if (arg.type() != args.getFirst().type()) {
                throw compiler.typeError(arg, "coalesce's values must have one type, and the first is "
                        + args.getFirst().type().word());
            }
        }
        List<Eval> evals = args.stream().map(Typed::eval).toList();
        return compiler.typed(args.getFirst().type(), position, shown, row -> {
            for (Eval eval : evals) {
                Object value = eval.apply(row);
                if (value != null) {
                    return value;
                }
            }
            return null;
        });
    }

    /** {@code bucketize(x, b1, ..., bn)}: how many boundaries are at or below x, 0..n (numpy's digitize). */
    private static Typed bucketize(int position, String shown, List<Typed> args, Compiler compiler) {
        arity("bucketize", position, args, 2, 1001);
        compiler.require(args.getFirst(), NUMBER, "bucketize");
        double[] boundaries = new double[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            Typed boundary = args.get(i);
            if (!(boundary.constant() instanceof Double d)) {
                throw new ExpressionException(boundary.position(), "bucketize's boundaries must be numbers written out, "
                        + "not " + boundary.shown());
            }
            if (i > 1 && d <= boundaries[i - 2]) {
                throw new ExpressionException(boundary.position(), "bucketize's boundaries must increase, and "
                        + boundary.shown() + " does not exceed the one before it");
            }
            boundaries[i - 1] = d;
        }
        Eval x = args.getFirst().eval();
        return compiler.typed(NUMBER, position, shown, row -> {
            Object value = x.apply(row);
            if (value == null) {
                return null;
            }
            double v = (Double) value;
            int bucket = 0;
            while (bucket < boundaries.length && boundaries[bucket] <= v) {
                bucket++;
            }
            return (double) bucket;
        });
    }

    private static Typed datePart(String name, int position, String shown, List<Typed> args, Compiler compiler) {
        arity(name, position, args, 1, 1);
        Eval at = compiler.require(args.getFirst(), TIMESTAMP, name).eval();
        return compiler.typed(NUMBER, position, shown, row -> {
            Object value = at.apply(row);
            if (value == null) {
                return null;
            }
            var utc = Compiler.utc((Instant) value);
            return (double) switch (name) {
                case "year" -> utc.getYear();
                case "month" -> utc.getMonthValue();
                case "day" -> utc.getDayOfMonth();
                case "hour" -> utc.getHour();
                case "weekday" -> utc.getDayOfWeek().getValue();
                default -> utc.getDayOfYear();
            };
        });
    }

    private static void arity(String name, int position, List<Typed> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String wanted = min == max ? String.valueOf(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw new ExpressionException(position, name + " takes " + wanted + " argument" + (max == 1 ? "" : "s")
                    + ", not " + args.size());
        }
    }
}
