import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Survey answers about cakes, with a rule we know, so we can see whether a model finds it.
 *
 * <p>Each respondent picks a flavour, an age group, how sweet they like things (1-5) and the occasion. Whether they
 * liked the cake follows this rule, plus chance:
 * <pre>
 *   score = 1.5 if chocolate, 0.7 if strawberry, -0.8 if carrot, 0 otherwise
 *         + 0.6 * (sweetness - 3), counted positive for children and teens and negative for adults and seniors
 *         + 0.9 if it was a birthday
 *         - 0.3
 *   P(liked) = 1 / (1 + e^(-2 * score))
 * </pre>
 * Run: {@code java GenerateSurvey.java [rows] [seed] [--older]} (defaults 2000 and 7); {@code --older} draws an older
 * crowd, for the drift scenario. CSV on standard output.
 */
public class GenerateSurvey {

    static final String[] FLAVOURS = {"chocolate", "vanilla", "strawberry", "lemon", "carrot"};
    static final String[] AGE_GROUPS = {"child", "teen", "adult", "senior"};
    static final String[] OCCASIONS = {"birthday", "wedding", "everyday", "holiday"};

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        boolean older = args.length > 2 && args[2].equals("--older");
        SplittableRandom random = new SplittableRandom(seed);
        System.out.println("respondent,flavour,age_group,sweetness,occasion,liked");
        for (int i = 1; i <= rows; i++) {
            String flavour = FLAVOURS[random.nextInt(FLAVOURS.length)];
            String age = older ? AGE_GROUPS[2 + random.nextInt(2)] : AGE_GROUPS[random.nextInt(AGE_GROUPS.length)];
            int sweetness = 1 + random.nextInt(5);
            String occasion = OCCASIONS[random.nextInt(OCCASIONS.length)];
            double score = switch (flavour) {
                case "chocolate" -> 1.5;
                case "strawberry" -> 0.7;
                case "carrot" -> -0.8;
                default -> 0;
            };
            boolean young = age.equals("child") || age.equals("teen");
            score += 0.6 * (sweetness - 3) * (young ? 1 : -1);
            score += occasion.equals("birthday") ? 0.9 : 0;
            score -= 0.3;
            boolean liked = random.nextDouble() < 1 / (1 + Math.exp(-2 * score));
            System.out.printf(Locale.ROOT, "r%s-%d,%s,%s,%d,%s,%s%n", seed, i, flavour, age, sweetness, occasion,
                    liked ? "yes" : "no");
        }
    }
}
