# 数字や記号に見えて、そうではない文字。名前を挙げて断ります（10² は 102 では
# ありません）。$plain はその文字が表すもの。

error-lookalike = { $position } 番目の「{ $token }」には{ $name }（{ $char }）が含まれています。ふつうの数字と記号で入力してください。
lookalike-number = { $plain ->
        [minus] マイナス記号
        [plus] プラス記号
       *[other] { $plain }
    }
lookalike-superscript = 上付き文字の{ lookalike-number }
lookalike-subscript = 下付き文字の{ lookalike-number }
lookalike-circled = 丸囲み文字の{ lookalike-number }
lookalike-parenthesized = 括弧付きの数字
lookalike-full-stop = ピリオド付きの数字
lookalike-fraction = 分数の{ $plain }
lookalike-roman = ローマ数字の{ $plain }
lookalike-other = 互換文字 U+{ $code }
