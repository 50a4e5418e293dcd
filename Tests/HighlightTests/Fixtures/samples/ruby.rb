module Jekyll
  class Tag < Liquid::Tag
    def render(context)
      "hi #{context['page']}" # c
    end
  end
end
